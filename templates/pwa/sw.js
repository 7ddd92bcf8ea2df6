{% autoescape off %}// Smes Housing First — service worker (issue 15). Our own, no library.
// Keeps the app shell (static files) and the offline quick log page; never
// caches another page (they may hold clinical data).
"use strict";
const VERSION = "{{ version }}";
const STATIC_CACHE = "smes-static-" + VERSION;
const PAGE_CACHE = "smes-pages";
const ASSETS = {{ assets_json }};
const OFFLINE_URL = {{ offline_url }};
const STATIC_PREFIX = {{ static_prefix }};
const OFFLINE_TITLE = {{ offline_title }};
const OFFLINE_TEXT = {{ offline_text }};

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(STATIC_CACHE)
      .then((cache) => cache.addAll(ASSETS))
      .then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(
        keys.filter((k) => k.startsWith("smes-static-") && k !== STATIC_CACHE).map((k) => caches.delete(k))
      ))
      .then(() => self.clients.claim())
  );
});

async function offlinePage() {
  const hit = await caches.match(OFFLINE_URL, { ignoreSearch: true, cacheName: PAGE_CACHE });
  if (hit) return hit;
  const html = "<!doctype html><html><head><meta charset=utf-8>" +
    "<meta name=viewport content='width=device-width, initial-scale=1'><title>" + OFFLINE_TITLE + "</title></head>" +
    "<body><h1>" + OFFLINE_TITLE + "</h1><p>" + OFFLINE_TEXT + "</p></body></html>";
  return new Response(html, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    // Online: the network, as without a service worker. Offline: the quick log.
    event.respondWith(fetch(request).catch(offlinePage));
    return;
  }
  if (url.pathname.startsWith(STATIC_PREFIX)) {
    event.respondWith(
      caches.match(request, { cacheName: STATIC_CACHE }).then((hit) => hit || fetch(request))
    );
  }
});

// The page asks for the offline quick log to be refreshed (online) or
// every cache to be dropped (logout).
self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type === "wipe") {
    event.waitUntil(caches.delete(PAGE_CACHE));
  }
});
{% endautoescape %}
