/* The briefing's own widget for Decap CMS: a reference to a record of several kinds (an
 * event or an agreement, or any record), which Decap's relation widget cannot do, since it
 * searches one collection. It offers the records the published site lists in
 * ../data/briefing.json, searched by title as one types, and refuses an id that is not among
 * them before the entry is saved. The configuration (config.yml) names it
 * "briefing-record", with the collections it accepts and whether it takes several. */
(function () {
  "use strict";
  var records = null;
  var loading = fetch("../data/briefing.json")
    .then(function (response) { return response.ok ? response.json() : { collections: {} }; })
    .then(function (briefing) { records = briefing.collections || {}; })
    .catch(function () { records = {}; });

  function choices(kinds) {
    var out = [];
    kinds.forEach(function (kind) {
      (records && records[kind] || []).forEach(function (record) {
        out.push({ id: record.id, label: record.name + " (" + kind + ")" });
      });
    });
    return out;
  }

  function ids(value) {
    if (value && value.toJS) value = value.toJS();
    if (Array.isArray(value)) return value;
    return value ? [value] : [];
  }

  var RecordControl = createClass({
    getInitialState: function () { return { ready: records !== null, text: null }; },
    componentDidMount: function () {
      var self = this;
      loading.then(function () { self.setState({ ready: true }); });
    },
    kinds: function () { return this.props.field.get("collections").toJS(); },
    multiple: function () { return Boolean(this.props.field.get("multiple")); },
    handleChange: function (event) {
      var text = event.target.value;
      this.setState({ text: text });
      var typed = text.split(",").map(function (part) { return part.trim(); })
        .filter(function (part) { return part; });
      this.props.onChange(this.multiple() ? typed : typed[0] || "");
    },
    isValid: function () {
      var known = {};
      choices(this.kinds()).forEach(function (choice) { known[choice.id] = true; });
      var unknown = ids(this.props.value).filter(function (id) { return !known[id]; });
      if (unknown.length === 0) return true;
      return { error: { message: "no " + this.kinds().join(" or ") + " '" + unknown[0] +
        "': pick one from the list, which searches the titles" } };
    },
    render: function () {
      var listId = this.props.forID + "-records";
      var text = this.state.text !== null ? this.state.text : ids(this.props.value).join(", ");
      return h("div", { className: this.props.classNameWrapper },
        h("input", {
          id: this.props.forID, type: "text", list: listId, value: text,
          onChange: this.handleChange, onFocus: this.props.setActiveStyle,
          onBlur: this.props.setInactiveStyle, autoComplete: "off",
          style: { width: "100%", border: "none", outline: "none", font: "inherit" },
          placeholder: this.multiple() ? "ids, separated by commas" : "an id",
        }),
        h("datalist", { id: listId }, choices(this.kinds()).map(function (choice) {
          return h("option", { key: choice.id, value: choice.id, label: choice.label });
        })));
    },
  });

  CMS.registerWidget("briefing-record", RecordControl);
})();
