/* Material for MkDocs 9.8.2: the inline script of partials/javascripts/content.html, in a file so that
 * the Content-Security-Policy can forbid inline script (see macros/theme/main.html). */
var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))
