// The service worker of the offline page (served at /offline/sw.js, scope /offline/).
// It caches nothing by itself: the page fills the cache when the user prepares the phone
// (static/js/offline.js). Pages are asked from the network first and the offline page is kept
// fresh each time it loads; without a connection the kept copy answers. Static files (their names
// carry a hash) come from the cache first. Posts (the sync) always go to the network.
"use strict";
var CACHE = "pokpong-offline-v1";
var PAGE = new URL("./", self.registration.scope).pathname;

self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) { event.waitUntil(self.clients.claim()); });

function kept(request) {
  return caches.open(CACHE).then(function (cache) {
    return cache.match(request, { ignoreVary: true, ignoreSearch: true });
  });
}

function page(request) {
  return fetch(request).then(function (response) {
    if (response.ok && !response.redirected && new URL(request.url).pathname === PAGE) {
      var copy = response.clone();
      caches.has(CACHE).then(function (prepared) {
        if (prepared) caches.open(CACHE).then(function (cache) { cache.put(PAGE, copy); });
      });
    }
    return response;
  }).catch(function () {
    return kept(PAGE).then(function (hit) { return hit || Response.error(); });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(page(request));
  } else if (url.pathname.indexOf("/static/") === 0 || url.pathname.indexOf(PAGE + "manifest") === 0) {
    event.respondWith(kept(request).then(function (hit) { return hit || fetch(request); }));
  }
});
