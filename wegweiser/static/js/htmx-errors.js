// htmx does not swap refused requests (4xx/5xx, see htmx-config in base.html), so without this the
// user sees nothing happen. Views answer such htmx requests with a short text/plain reason; show it.
document.addEventListener("htmx:responseError", function (event) {
  var box = document.getElementById("htmx-error");
  if (!box) { return; }
  var xhr = event.detail.xhr;
  var type = xhr.getResponseHeader("Content-Type") || "";
  var reason = type.indexOf("text/plain") === 0 ? xhr.responseText.trim() : "";
  box.textContent = reason || box.getAttribute("data-fallback");
  box.hidden = false;
});
document.addEventListener("htmx:afterRequest", function (event) {
  var box = document.getElementById("htmx-error");
  if (box && event.detail.successful) { box.hidden = true; }
});
