// Preflight's service worker: the client level of the cache on a phone or desktop app. Pages and
// API answers are asked for on the network first unless the copy kept here is still within the
// lifetime its Cache-Control gave it; without a network, the board and the reports opened before
// stay readable, saying as of when. Nothing answered "no-store" is ever kept.
const SHELL = "preflight-shell-v2";
const PAGES = "preflight-pages-v1";
const SHELL_FILES = [
  "/preflight.css",
  "/preflight.js",
  "/webjars/picocss__pico/css/pico.min.css",
  "/webjars/htmx.org/dist/htmx.min.js",
  "/icons/icon.svg",
];
const READABLE_OFFLINE = [
  /^\/board$/,
  /^\/board\/panel$/,
  /^\/executions\/[0-9a-f-]{36}$/,
  /^\/problems\/[0-9a-f-]{36}$/,
  /^\/releases\/[^/]+\/[^/]+$/,
  /^\/api\/v1\/releases\/[^/]+\/next$/,
  /^\/api\/v1\/executions\/[0-9a-f-]{36}$/,
];
const STORED_AT = "x-preflight-stored-at";

self.addEventListener("install", event => {
  event.waitUntil(caches.open(SHELL).then(cache => cache.addAll(SHELL_FILES)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", event => {
  event.waitUntil(caches.keys()
    .then(keys => Promise.all(keys.filter(k => k !== SHELL && k !== PAGES).map(k => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener("message", event => {
  if (event.data === "forget") { // signed out: what was kept for this person goes
    event.waitUntil(caches.delete(PAGES));
  }
});

self.addEventListener("fetch", event => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) {
    return;
  }
  if (SHELL_FILES.includes(url.pathname)) {
    event.respondWith(caches.match(request).then(kept => kept || fetch(request)));
    return;
  }
  if (READABLE_OFFLINE.some(pattern => pattern.test(url.pathname))) {
    event.respondWith(readable(request));
  }
});

async function readable(request) {
  const cache = await caches.open(PAGES);
  const kept = await cache.match(request);
  // an API answer within its lifetime is not asked again; a page is, so that it says when it is offline
  if (kept && request.mode !== "navigate" && fresh(kept)) {
    return kept;
  }
  try {
    // a page is asked of the server (revalidated with its ETag), not of the browser's own cache,
    // which would answer offline as if nothing were wrong
    const answer = await fetch(request, request.mode === "navigate" ? {cache: "no-cache"} : undefined);
    if (answer.ok && !answer.redirected && keepable(answer)) {
      await cache.put(request, await stamped(answer.clone()));
    }
    return answer;
  } catch (offline) {
    if (kept) {
      return request.mode === "navigate" ? withBanner(kept) : kept;
    }
    return new Response("Offline, and this page was not opened here before.", {
      status: 503,
      headers: {"Content-Type": "text/plain; charset=utf-8", "Retry-After": "30"},
    });
  }
}

function maxAge(response) {
  const match = /max-age=(\d+)/.exec(response.headers.get("Cache-Control") || "");
  return match ? Number(match[1]) : 0;
}

function keepable(response) {
  return !/no-store/.test(response.headers.get("Cache-Control") || "");
}

function fresh(kept) {
  const at = Number(kept.headers.get(STORED_AT) || 0);
  return Date.now() - at < maxAge(kept) * 1000;
}

async function stamped(response) {
  const headers = new Headers(response.headers);
  headers.set(STORED_AT, String(Date.now()));
  return new Response(await response.blob(), {status: response.status, statusText: response.statusText, headers});
}

async function withBanner(kept) {
  const at = new Date(Number(kept.headers.get(STORED_AT) || 0));
  const html = (await kept.text()).replace(/(<main[^>]*>)/,
    `$1<p class="offline-banner" role="status">Offline: as of ${at.toLocaleString()}, the copy kept on this device.</p>`);
  const headers = new Headers(kept.headers);
  headers.delete("Content-Length");
  return new Response(html, {status: 200, headers});
}

// A personal push message: shown at once; a tap opens its page (in the app if it is open).
self.addEventListener("push", event => {
  let message = {title: "Preflight", body: "", url: "/", tag: "preflight"};
  try {
    message = Object.assign(message, event.data ? event.data.json() : {});
  } catch (unreadable) {
    message.body = event.data ? event.data.text() : "";
  }
  event.waitUntil(self.registration.showNotification(message.title, {
    body: message.body,
    tag: message.tag,
    icon: "/icons/icon-192.png",
    badge: "/icons/icon-192.png",
    data: {url: message.url},
  }));
});

self.addEventListener("notificationclick", event => {
  event.notification.close();
  const target = new URL((event.notification.data && event.notification.data.url) || "/", self.location.origin);
  if (target.origin !== self.location.origin) {
    return; // a message only ever opens this server's pages
  }
  event.waitUntil((async () => {
    // a window this worker controls can be sent to the page; focus first, while the tap allows it
    const windows = await self.clients.matchAll({type: "window"});
    const open = windows.find(w => new URL(w.url).origin === self.location.origin);
    if (open) {
      try {
        await open.focus();
        await open.navigate(target.href);
        return;
      } catch (cannot) {
        // fall through: a new window
      }
    }
    await self.clients.openWindow(target.href);
  })());
});
