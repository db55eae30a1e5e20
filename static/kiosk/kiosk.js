/* Qoljazba kiosk: screen swapping, idle reset, lockdown, attract loop, page viewer.
 * No dependencies; OpenSeadragon (vendored) is loaded only when a viewer appears.
 * Every navigation replaces the history entry: a visit leaves no back-stack behind. */
(function () {
  "use strict";

  var body = document.body;
  var idleSeconds = parseInt(body.dataset.idleSeconds || "90", 10);
  var confirmSeconds = parseInt(body.dataset.confirmSeconds || "20", 10);
  var attractUrl = body.dataset.attractUrl || "/";
  var timings = (window.__kioskTimings = []);
  var busy = false;

  /* ---------- lockdown ---------- */
  function inViewer(target) {
    return target && target.closest && target.closest("[data-viewer-stage]");
  }
  document.addEventListener("contextmenu", function (e) { e.preventDefault(); });
  document.addEventListener("selectstart", function (e) { e.preventDefault(); });
  document.addEventListener("dragstart", function (e) { e.preventDefault(); });
  ["gesturestart", "gesturechange"].forEach(function (name) {
    document.addEventListener(name, function (e) { e.preventDefault(); });
  });
  document.addEventListener("wheel", function (e) {
    if (e.ctrlKey && !inViewer(e.target)) e.preventDefault();  // no page zoom
  }, { passive: false });
  document.addEventListener("touchmove", function (e) {
    if (e.touches.length > 1 && !inViewer(e.target)) e.preventDefault();  // no pinch outside
  }, { passive: false });
  document.addEventListener("keydown", function (e) {
    var zoomKeys = ["+", "-", "=", "0"];
    if ((e.ctrlKey || e.metaKey) && zoomKeys.indexOf(e.key) >= 0) e.preventDefault();
    if (e.altKey && (e.key === "ArrowLeft" || e.key === "ArrowRight")) e.preventDefault();
  });

  /* ---------- leaving no trace ---------- */
  function reset() {
    try { window.localStorage.clear(); } catch (err) { /* storage may be disabled */ }
    try { window.sessionStorage.clear(); } catch (err) { /* idem */ }
    location.replace(attractUrl);
  }

  /* ---------- navigation between screens ----------
   * A tap must show the next screen within a frame or two, so the screens a visitor can reach
   * from the one on show are fetched (as partials) and parsed before they are needed: the
   * visible links first, when the browser is idle, two at a time. A pointerdown on a link not
   * yet ready (or older than FRESH_MS) starts its fetch at once, ahead of the click. A ready
   * screen is swapped in synchronously inside the click handler. Fetches go through the HTTP
   * cache with revalidation (ETags): a screen that has not changed costs the server a 304. */
  var FRESH_MS = 20000;
  var PREFETCH_MAX = 40;
  var ready = new Map();  // href -> {at, promise, app}
  var generation = 0;

  // The absolute address of a link, HTML or SVG (an SVG <a>'s href is not a string).
  function hrefOf(link) {
    return new URL(link.getAttribute("href"), location.href).href;
  }

  function sameOrigin(link) {
    return new URL(hrefOf(link)).origin === location.origin;
  }

  function navLink(target) {
    var link = target && target.closest ? target.closest("a[href][data-nav]") : null;
    return link && sameOrigin(link) ? link : null;
  }

  function load(href) {
    var entry = { at: performance.now(), app: null, promise: null };
    entry.promise = fetch(href, {
      headers: { "X-Kiosk-Partial": "1" }, credentials: "same-origin", cache: "no-cache"
    })
      .then(function (response) {
        if (!response.ok) throw new Error("status " + response.status);
        return response.text();
      })
      .then(function (html) {
        var holder = document.createElement("template");
        holder.innerHTML = html;
        var app = holder.content.getElementById("kiosk-app");
        if (!app) throw new Error("not a kiosk screen");
        entry.app = app;
        return app;
      });
    entry.promise.catch(function () { if (ready.get(href) === entry) ready.delete(href); });
    return entry;
  }

  function fresh(entry) {
    return entry && performance.now() - entry.at < FRESH_MS;
  }

  function want(href) {
    var entry = ready.get(href);
    if (!fresh(entry)) {
      entry = load(href);
      ready.set(href, entry);
    }
    return entry;
  }

  // The same-origin screens linked from root, those on show first, at most PREFETCH_MAX.
  function linkedScreens(root) {
    var seen = {};
    var shown = [];
    var hidden = [];
    var height = window.innerHeight;
    var width = window.innerWidth;
    root.querySelectorAll("a[href][data-nav]").forEach(function (link) {
      var href = hrefOf(link);
      if (!sameOrigin(link) || seen[href] || href === location.href) return;
      seen[href] = true;
      var r = link.getBoundingClientRect();
      var onScreen = r.bottom > 0 && r.right > 0 && r.top < height && r.left < width;
      (onScreen ? shown : hidden).push(href);
    });
    return shown.concat(hidden).slice(0, PREFETCH_MAX);
  }

  function whenIdle(callback) {
    if (window.requestIdleCallback) window.requestIdleCallback(callback, { timeout: 300 });
    else window.setTimeout(callback, 50);
  }

  function prefetch(root) {
    var mine = generation;
    var queue = null;
    function next() {
      if (mine !== generation || !queue.length) return;
      var href = queue.shift();
      var entry = ready.get(href);
      if (fresh(entry)) return next();
      want(href).promise.then(next, next);
    }
    whenIdle(function () {
      if (mine !== generation) return;
      queue = linkedScreens(root);
      next();
      next();  // two at a time
    });
  }

  // The frame that shows the new screen is painted right after the animation-frame
  // callbacks; a task queued from one of them runs once that frame has been produced.
  function afterPaint(callback) {
    requestAnimationFrame(function () { setTimeout(callback, 0); });
  }

  function show(href, next, tap) {
    var swapAt = performance.now();
    var current = document.getElementById("kiosk-app");
    if (!current) return location.replace(href);
    destroyScreen(current);
    current.replaceWith(next);
    document.title = next.dataset.title + " · " + document.title.split(" · ").pop();
    history.replaceState(null, "", href);
    generation += 1;
    ready.clear();
    initScreen(next);
    var swapped = performance.now();
    afterPaint(function () {
      var painted = performance.now();
      // ms: from the tap (the click's time stamp) to the frame painted; the parts: the wait
      // before the click handler ran, the handler until the swap began (a fetch when the
      // screen was not ready), the swap itself, and the wait for the frame.
      timings.push({
        href: href, ms: painted - tap.at, fromDown: painted - (tap.down || tap.at), ready: tap.ready,
        input: tap.handled - tap.at, waited: swapAt - tap.handled, swap: swapped - swapAt,
        frame: painted - swapped
      });
      try {
        performance.measure("kiosk-tap-to-paint", { start: tap.at, end: painted });
      } catch (err) { /* older engines: the array above still has it */ }
      busy = false;
    });
  }

  function go(href, tap) {
    if (busy) return;
    busy = true;
    var entry = ready.get(href);
    tap.ready = !!(entry && entry.app && fresh(entry));
    if (tap.ready) return show(href, entry.app, tap);  // in this very task: painted next frame
    want(href).promise
      .then(function (app) { show(href, app, tap); })
      .catch(function () {
        busy = false;
        location.replace(href);
      });
  }

  var lastDown = null;
  document.addEventListener("pointerdown", function (e) {
    var link = navLink(e.target);
    if (!link) return;
    lastDown = { href: hrefOf(link), at: e.timeStamp };
    want(lastDown.href);
  }, { capture: true, passive: true });

  document.addEventListener("click", function (e) {
    var link = e.target.closest ? e.target.closest("a[href]") : null;
    if (!link) return;
    e.preventDefault();
    if (!sameOrigin(link)) return;  // nothing may leave the kiosk
    if (link.hasAttribute("data-lang")) {
      location.replace(hrefOf(link));  // a new language is a new document (lang, dir, fonts)
    } else if (link.hasAttribute("data-nav")) {
      var at = e.timeStamp || performance.now();
      var href = hrefOf(link);
      var down = lastDown && lastDown.href === href ? lastDown.at : at;
      lastDown = null;
      go(href, { at: at, down: down, handled: performance.now() });
    }
  });

  /* ---------- idle: "still there?", then back to the attract loop ---------- */
  var lastActivity = performance.now();
  var overlay = document.getElementById("k-idle");
  var countdown = null;

  function activity() {
    lastActivity = performance.now();
  }
  ["pointerdown", "touchstart", "keydown", "wheel"].forEach(function (name) {
    document.addEventListener(name, activity, { capture: true, passive: true });
  });
  document.addEventListener("scroll", activity, { capture: true, passive: true });

  function hideOverlay() {
    if (!overlay) return;
    overlay.hidden = true;
    window.clearInterval(countdown);
    countdown = null;
    activity();
  }

  function showOverlay() {
    if (!overlay || !overlay.hidden) return;
    var left = confirmSeconds;
    var count = document.getElementById("k-idle-count");
    count.textContent = String(left);
    overlay.hidden = false;
    document.getElementById("k-idle-continue").focus();
    countdown = window.setInterval(function () {
      left -= 1;
      count.textContent = String(Math.max(left, 0));
      if (left <= 0) {
        window.clearInterval(countdown);
        reset();
      }
    }, 1000);
  }

  if (overlay) {
    overlay.addEventListener("click", function (e) {
      e.stopPropagation();
      hideOverlay();
    });
    window.setInterval(function () {
      if (overlay.hidden && performance.now() - lastActivity >= idleSeconds * 1000) showOverlay();
    }, 250);
  }

  /* ---------- the attract loop ---------- */
  function initAttract(root) {
    var slides = root.querySelectorAll(".k-slide");
    var invites = root.querySelectorAll(".k-invite");
    var s = 0;
    var i = 0;
    window.setInterval(function () {
      if (slides.length < 2) return;
      slides[s].classList.remove("is-shown");
      s = (s + 1) % slides.length;
      slides[s].classList.add("is-shown");
    }, 7000);
    window.setInterval(function () {
      if (invites.length < 2) return;
      invites[i].classList.remove("is-current");
      i = (i + 1) % invites.length;
      invites[i].classList.add("is-current");
    }, 2500);
    root.addEventListener("click", function (e) {
      if (!(e.target.closest && e.target.closest("a[href]"))) location.replace(root.dataset.start);
    });
  }

  /* ---------- swipes (exhibit player) ---------- */
  function onSwipe(element, handler) {
    var start = null;
    element.addEventListener("pointerdown", function (e) {
      start = { x: e.clientX, y: e.clientY, t: performance.now() };
    });
    element.addEventListener("pointerup", function (e) {
      if (!start) return;
      var dx = e.clientX - start.x;
      var dy = e.clientY - start.y;
      var quick = performance.now() - start.t < 700;
      start = null;
      if (quick && Math.abs(dx) > 120 && Math.abs(dy) < 90) handler(dx > 0 ? "right" : "left");
    });
  }

  function initPlayer(root) {
    var rtl = document.documentElement.dir === "rtl";
    onSwipe(root, function (direction) {
      var forward = rtl ? direction === "right" : direction === "left";
      var href = forward ? root.dataset.swipeNext : root.dataset.swipePrev;
      var now = performance.now();
      if (href) go(new URL(href, location.href).href, { at: now, handled: now });
    });
  }

  /* ---------- the page viewer (OpenSeadragon) ---------- */
  var viewers = [];

  function loadViewerLibrary(callback) {
    if (window.OpenSeadragon) return callback();
    var existing = document.getElementById("k-osd");
    if (existing) return existing.addEventListener("load", callback);
    var script = document.createElement("script");
    script.id = "k-osd";
    script.src = body.dataset.viewerSrc;
    script.addEventListener("load", callback);
    document.head.appendChild(script);
  }

  function initViewer(section) {
    var pages = JSON.parse(section.dataset.pages || "[]");
    var stage = section.querySelector("[data-viewer-stage]");
    if (!pages.length || !stage) return;
    var label = section.querySelector("[data-viewer-label]");
    var thumbs = section.querySelectorAll("[data-viewer-page]");
    var placeholder = body.dataset.placeholderSrc;
    var current = 0;

    function source(i) {
      return pages[i].info || { type: "image", url: placeholder, buildPyramid: false };
    }

    loadViewerLibrary(function () {
      if (!stage.isConnected) return;
      var viewer = window.OpenSeadragon({
        element: stage,
        tileSources: source(0),
        showNavigationControl: false,
        showSequenceControl: false,
        visibilityRatio: 0.9,
        constrainDuringPan: true,
        minZoomImageRatio: 0.9,
        maxZoomPixelRatio: 2.5,
        animationTime: 0.5,
        springStiffness: 9,
        immediateRender: false,
        loadTilesWithAjax: false,
        crossOriginPolicy: false,
        gestureSettingsTouch: {
          pinchToZoom: true, flickEnabled: true, dragToPan: true,
          clickToZoom: false, dblClickToZoom: true, dblClickDragToZoom: false
        },
        gestureSettingsMouse: {
          clickToZoom: false, dblClickToZoom: true, dblClickDragToZoom: false, scrollToZoom: true
        }
      });
      section.viewer = viewer;
      viewers.push(viewer);
      window.__kioskViewer = viewer;

      function show(i) {
        current = Math.max(0, Math.min(pages.length - 1, i));
        viewer.open(source(current));
        label.textContent = pages[current].label + " · " + (current + 1) + "/" + pages.length;
        thumbs.forEach(function (thumb, n) {
          if (n === current) {
            thumb.setAttribute("aria-current", "true");
            thumb.scrollIntoView({ block: "nearest", inline: "nearest" });
          } else {
            thumb.removeAttribute("aria-current");
          }
        });
      }
      show(0);

      thumbs.forEach(function (thumb) {
        thumb.addEventListener("click", function () { show(parseInt(thumb.dataset.viewerPage, 10)); });
      });
      section.querySelector("[data-viewer-next]").addEventListener("click", function () { show(current + 1); });
      section.querySelector("[data-viewer-prev]").addEventListener("click", function () { show(current - 1); });
      section.querySelector("[data-viewer-zoom-in]").addEventListener("click", function () {
        viewer.viewport.zoomBy(1.8);
        viewer.viewport.applyConstraints();
      });
      section.querySelector("[data-viewer-zoom-out]").addEventListener("click", function () {
        viewer.viewport.zoomBy(1 / 1.8);
        viewer.viewport.applyConstraints();
      });
      // A page is turned by a quick horizontal swipe when the page is not zoomed in.
      // The manuscripts read from right to left: swiping to the right brings the next page.
      onSwipe(stage, function (direction) {
        var zoomed = viewer.viewport.getZoom() > viewer.viewport.getHomeZoom() * 1.05;
        if (!zoomed) show(direction === "right" ? current + 1 : current - 1);
      });
    });
  }

  function destroyScreen(root) {
    viewers.forEach(function (viewer) { viewer.destroy(); });
    viewers = [];
    window.__kioskViewer = null;
    root.querySelectorAll("[data-viewer]").forEach(function (s) { s.viewer = null; });
  }

  function initScreen(root) {
    root.querySelectorAll("[data-viewer]").forEach(initViewer);
    root.querySelectorAll(".k-player").forEach(initPlayer);
    var main = root.querySelector("#main");
    if (main) {
      main.scrollTop = 0;
      main.focus({ preventScroll: true });
    }
    prefetch(root);
  }

  var attract = document.querySelector("[data-attract]");
  if (attract) initAttract(attract);
  var app = document.getElementById("kiosk-app");
  if (app) initScreen(app);
})();
