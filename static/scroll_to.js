// Scroll the reader to the linked passage or the current search hit (Document page).
// Loaded from the app itself (script-src 'self'); the element to show is the script tag's
// data-target, and data-key says which passage or hit it is: each one is scrolled to once, so
// redrawing the page (a highlight switched on) does not pull the reader back.
(function () {
  var tag = document.currentScript;
  if (!tag) return;
  var selector = tag.getAttribute("data-target");
  var key = location.pathname + ":" + tag.getAttribute("data-key");
  // Remembered for this page load only: Streamlit's reruns keep it, a reload of the link scrolls again.
  var done = (window.plScrolled = window.plScrolled || {});
  if (done[key]) return;
  done[key] = true;
  var tries = 0;
  var userMoved = false;
  ["wheel", "touchmove", "keydown"].forEach(function (name) {
    window.addEventListener(name, function () { userMoved = true; }, { once: true, passive: true });
  });
  function show() {
    var target = document.querySelector(selector);
    if (target) {
      target.scrollIntoView({ block: "center" });
    }
    // Charts above the reader draw after it and push it down: follow it for a moment,
    // unless the reader has started scrolling.
    if (++tries < 6 && !userMoved) setTimeout(show, 400);
  }
  setTimeout(show, 60);
})();
