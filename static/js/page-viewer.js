/* Qoljazba curator: the page editor's deep-zoom view of the scan (OpenSeadragon, vendored),
 * beside the transcription. Without this script the figure keeps its plain image and a link
 * to the full-size scan. The scan is read through the IIIF image service (info.json and tiles);
 * a draft's images are served to a logged-in curator only. */
(function () {
  "use strict";

  var stage = document.querySelector("[data-deep-zoom]");
  if (!stage || !window.OpenSeadragon) return;
  var figure = stage.closest("figure");
  // OpenSeadragon inserts an inline <style> (no focus outline on touch screens) unless an
  // element matching style[data-openseadragon-mobile-css] exists; the CSP allows no inline
  // style. A marker named "style" in a namespace of its own matches that selector but is no
  // stylesheet (so the browser never checks it against the CSP); the rule is in curator.css.
  if (!document.querySelector("style[data-openseadragon-mobile-css]")) {
    var marker = document.createElementNS("urn:x-qoljazba:inert", "style");
    marker.setAttribute("data-openseadragon-mobile-css", "true");
    document.head.appendChild(marker);
  }
  var viewer = window.OpenSeadragon({
    element: stage,
    tileSources: stage.dataset.deepZoom,
    showNavigationControl: false,
    showSequenceControl: false,
    showNavigator: false,
    visibilityRatio: 0.5,
    minZoomImageRatio: 0.8,
    maxZoomPixelRatio: 4,
    loadTilesWithAjax: false,
    crossOriginPolicy: false,
    gestureSettingsMouse: { clickToZoom: false, dblClickToZoom: true, scrollToZoom: true }
  });
  window.__pageViewer = viewer;
  viewer.addHandler("open", function () {
    figure.classList.add("zooming");  // hides the still image, shows the viewer and its buttons
  });
  viewer.addHandler("open-failed", function () {
    figure.classList.remove("zooming");  // the still image stays
  });
  figure.querySelectorAll("[data-zoom]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var how = button.dataset.zoom;
      if (how === "in") viewer.viewport.zoomBy(1.5);
      else if (how === "out") viewer.viewport.zoomBy(1 / 1.5);
      else viewer.viewport.goHome();
      viewer.viewport.applyConstraints();
    });
  });
})();
