// Offline quick log (issue 15): visits logged without network are kept on
// the phone (IndexedDB), shown as "en attente d'envoi" on every page, and
// sent when the network returns — each with a client-generated identifier
// that the server treats as an idempotency key, so a visit sent twice is
// stored once. Refusals come back as items "à corriger", never dropped.
//
// What the phone keeps: the caseload (code, name, team, last contact) and
// the queued visits. Logout wipes both (and the cached pages); the end of
// the session wipes the caseload (queued visits wait for the same worker to
// log in again, then are sent; another account logging in wipes them).
// Online, nothing changes: htmx posts the quick log as before (with the
// identifier added).
(function () {
  "use strict";
  var cfgEl = document.getElementById("offline-config");
  if (!cfgEl || !window.indexedDB || !window.Promise) return;
  var cfg = cfgEl.dataset;
  var DB_NAME = "smes-offline";
  var PAGE_CACHE = "smes-pages";
  var STALE_MS = 5 * 60 * 1000;
  var BATCH = 25;
  var dbPromise = null;
  var syncing = null;
  var lastSummary = "";

  // ------------------------------------------------------------------ store
  function openDb() {
    if (dbPromise) return dbPromise;
    dbPromise = new Promise(function (resolve, reject) {
      var req = indexedDB.open(DB_NAME, 1);
      req.onupgradeneeded = function () {
        var db = req.result;
        db.createObjectStore("meta", { keyPath: "key" });
        db.createObjectStore("caseload", { keyPath: "id" });
        db.createObjectStore("queue", { keyPath: "uuid" });
      };
      req.onsuccess = function () {
        var db = req.result;
        db.onversionchange = function () { db.close(); dbPromise = null; };
        resolve(db);
      };
      req.onerror = function () { reject(req.error); };
    });
    return dbPromise;
  }
  function run(store, mode, fn) {
    return openDb().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(store, mode);
        var result = fn(tx.objectStore(store));
        tx.oncomplete = function () { resolve(result && "result" in result ? result.result : result); };
        tx.onerror = function () { reject(tx.error); };
        tx.onabort = function () { reject(tx.error); };
      });
    });
  }
  function all(store) { return run(store, "readonly", function (s) { return s.getAll(); }); }
  function put(store, value) { return run(store, "readwrite", function (s) { s.put(value); }); }
  function del(store, key) { return run(store, "readwrite", function (s) { s.delete(key); }); }
  function clear(store) { return run(store, "readwrite", function (s) { s.clear(); }); }
  function getMeta(key) {
    return run("meta", "readonly", function (s) { return s.get(key); }).then(function (row) { return row ? row.value : null; });
  }
  function setMeta(key, value) { return put("meta", { key: key, value: value }); }

  function dropPageCache() {
    var jobs = [];
    if (window.caches) jobs.push(caches.delete(PAGE_CACHE));
    if (navigator.serviceWorker && navigator.serviceWorker.controller) {
      navigator.serviceWorker.controller.postMessage({ type: "wipe" });
    }
    return Promise.all(jobs);
  }
  function wipeCaseload() {
    return Promise.all([clear("caseload"), setMeta("expires", 0), dropPageCache()]);
  }
  // Everything this script ever stored on the phone.
  function wipeAll() {
    return dropPageCache().then(function () {
      return openDb().then(function (db) { db.close(); dbPromise = null; });
    }).then(function () {
      return new Promise(function (resolve) {
        var req = indexedDB.deleteDatabase(DB_NAME);
        req.onsuccess = req.onerror = req.onblocked = function () { resolve(); };
      });
    });
  }
  window.smesOffline = { wipeAll: wipeAll };

  function uuid4() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }
  function t(name, n) { return (cfg[name] || "").replace("{n}", n); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // ------------------------------------------------------------------ queue
  function myQueue() {
    return all("queue").then(function (items) {
      return items.filter(function (i) { return String(i.user) === cfg.user; })
        .sort(function (a, b) { return a.created < b.created ? -1 : 1; });
    });
  }
  function fieldsOf(form) {
    var out = [];
    new FormData(form).forEach(function (value, name) {
      if (name !== "csrfmiddlewaretoken" && name !== "client_uuid" && typeof value === "string") out.push([name, value]);
    });
    return out;
  }
  function enqueue(form, key, label) {
    var fields = fieldsOf(form);
    var tenant = (fields.filter(function (f) { return f[0] === "tenant"; })[0] || [])[1] || "";
    var item = {
      uuid: key, user: cfg.user, tenant: tenant, label: label || "", fields: fields,
      created: new Date().toISOString(), state: "pending", errors: []
    };
    return put("queue", item).then(function () { return item; });
  }

  // Send every pending visit of this worker; one at a time, in order.
  function sync() {
    if (syncing) return syncing;
    syncing = doSync().then(function (r) { syncing = null; return r; }, function (e) { syncing = null; throw e; });
    return syncing;
  }
  function doSync() {
    if (!cfg.user || !cfg.sync) return Promise.resolve();
    return myQueue().then(function (items) {
      var pending = items.filter(function (i) { return i.state === "pending"; });
      if (!pending.length) return null;
      // The token kept from the last state is still good unless the worker
      // logged in again since; a 403 asks for a fresh one (one round trip
      // saved on a slow network).
      return getMeta("state").then(function (kept) {
        return kept && kept.csrf ? kept : refreshState(true);
      }).then(function (state) {
        if (!state) return render();
        var sent = 0, refused = 0;
        // In batches: one round trip for up to BATCH visits (slow networks).
        var chunks = [];
        for (var i = 0; i < pending.length; i += BATCH) chunks.push(pending.slice(i, i + BATCH));
        var chain = Promise.resolve(true);
        chunks.forEach(function (chunk) {
          chain = chain.then(function (go) {
            if (!go) return false;
            var body = JSON.stringify({ visits: chunk.map(function (item) {
              return { fields: item.fields.concat([["client_uuid", item.uuid]]) };
            }) });
            var post = function () {
              return fetch(cfg.sync, {
                method: "POST", body: body, credentials: "same-origin", redirect: "manual",
                headers: { "X-CSRFToken": state.csrf, "Content-Type": "application/json", "Accept": "application/json" }
              });
            };
            return post().then(function (r) {
              if (r.status !== 403) return r;
              return refreshState(true).then(function (fresh) {
                if (!fresh) return r;
                state = fresh;
                return post();
              });
            }).then(function (r) {
              if (r.type === "opaqueredirect") lastSummary = cfg.tSession;
              if (r.status !== 200) return false; // session ended, server error: keep them, try later
              return r.json().then(function (data) {
                return Promise.all(chunk.map(function (item, n) {
                  var answer = data.results[n] || {};
                  if (answer.status === "saved") { sent++; return del("queue", item.uuid); }
                  if (answer.status === "refused") {
                    refused++;
                    item.state = "error";
                    item.errors = answer.errors || [];
                    return put("queue", item);
                  }
                })).then(function () { return true; });
              });
            }, function () { return false; }); // network gone again
          });
        });
        return chain.then(function () {
          if (sent || refused) {
            var parts = [];
            if (sent) parts.push(t(sent === 1 ? "tSentOne" : "tSentMany", sent));
            if (refused) parts.push(t("tFix", refused));
            lastSummary = parts.join(", ");
          }
          return render();
        });
      });
    });
  }

  // Fresh CSRF token, session end and caseload; false when the session is over.
  function refreshState(force) {
    if (!cfg.state || !navigator.onLine) return Promise.resolve(null);
    return getMeta("refreshed").then(function (when) {
      if (!force && when && Date.now() - when < STALE_MS) return getMeta("state");
      return fetch(cfg.state, { credentials: "same-origin", redirect: "manual", headers: { "Accept": "application/json" } })
        .then(function (r) {
          if (r.type === "opaqueredirect" || r.status === 302 || r.status === 403) {
            lastSummary = cfg.tSession;
            return null;
          }
          if (!r.ok) return null;
          return r.json().then(function (state) {
            return run("caseload", "readwrite", function (s) {
              s.clear();
              state.caseload.forEach(function (row) { s.put(row); });
            }).then(function () {
              return Promise.all([
                setMeta("expires", state.expires * 1000), setMeta("refreshed", Date.now()),
                setMeta("state", { csrf: state.csrf }), cachePage()
              ]);
            }).then(function () { return state; });
          });
        }, function () { return null; });
    });
  }
  // The offline quick log page, kept by the service worker's page cache.
  function cachePage() {
    if (!window.caches || !cfg.page) return Promise.resolve();
    return caches.open(PAGE_CACHE).then(function (c) { return c.add(cfg.page); }).catch(function () {});
  }

  // -------------------------------------------------------------- the bar
  function render() {
    var bar = document.getElementById("offline-bar");
    if (!bar || !cfg.user) return Promise.resolve();
    return myQueue().then(function (items) {
      var pending = items.filter(function (i) { return i.state === "pending"; });
      var errors = items.filter(function (i) { return i.state === "error"; });
      bar.textContent = "";
      bar.dataset.pending = pending.length;
      bar.dataset.errors = errors.length;
      var offline = !navigator.onLine;
      if (offline) bar.appendChild(el("span", "badge warn off-status", cfg.tOffline));
      if (pending.length) {
        bar.appendChild(el("span", "off-count", pending.length === 1 ? cfg.tPendingOne : t("tPendingMany", pending.length)));
        var send = el("button", "btn small off-send", cfg.tSendNow);
        send.type = "button";
        send.disabled = offline;
        bar.appendChild(send);
      }
      if (errors.length) {
        var a = el("a", "off-fix", t("tFix", errors.length));
        a.href = cfg.page + "#a-corriger";
        bar.appendChild(a);
      }
      if (lastSummary) bar.appendChild(el("span", "off-summary", lastSummary));
      bar.hidden = !(offline || pending.length || errors.length || lastSummary);
      return renderPage(pending, errors);
    });
  }

  // ------------------------------------------------- the offline quick log
  var app = document.getElementById("offline-app");
  var form = document.getElementById("offline-form");
  var picker = document.getElementById("off-tenant");
  var caseload = {};

  function tenantLabel(row) { return row ? row.name + " · " + row.code : ""; }
  function describe(item) {
    var get = function (n) { var f = item.fields.filter(function (x) { return x[0] === n; })[0]; return f ? f[1] : ""; };
    return (item.label || get("tenant")) + " — " + get("date");
  }
  function renderPage(pending, errors) {
    if (!app) return;
    var fill = function (sel, items, withFix) {
      var ul = app.querySelector(sel);
      ul.textContent = "";
      items.forEach(function (item) {
        var li = el("li", withFix ? "off-item off-error" : "off-item");
        var text = el("div");
        text.appendChild(el("strong", null, describe(item)));
        (item.errors || []).forEach(function (msg) { text.appendChild(el("p", "error", msg)); });
        li.appendChild(text);
        if (withFix) {
          var b = el("button", "btn small off-correct", cfg.tFixButton);
          b.type = "button";
          b.dataset.uuid = item.uuid;
          li.appendChild(b);
        }
        ul.appendChild(li);
      });
      ul.closest("section").hidden = !items.length;
    };
    fill(".off-pending", pending, false);
    fill(".off-errors", errors, true);
  }

  function loadPicker() {
    return all("caseload").then(function (rows) {
      caseload = {};
      var groups = {};
      rows.forEach(function (r) { caseload[r.id] = r; (groups[r.team] = groups[r.team] || []).push(r); });
      while (picker.options.length > 1) picker.remove(1);
      picker.querySelectorAll("optgroup").forEach(function (g) { g.remove(); });
      Object.keys(groups).sort().forEach(function (team) {
        var g = el("optgroup"); g.label = team;
        groups[team].forEach(function (r) {
          var o = el("option", null, r.name + " · " + r.code); o.value = r.id; g.appendChild(o);
        });
        picker.appendChild(g);
      });
      app.querySelector(".off-nocaseload").hidden = rows.length > 0;
      var wanted = new URLSearchParams(location.search).get("tenant");
      if (wanted && caseload[wanted]) picker.value = wanted;
      showTenant();
    });
  }
  function showTenant() {
    var row = caseload[picker.value];
    form.elements.tenant.value = row ? row.id : "";
    var head = app.querySelector(".off-head");
    head.hidden = !row;
    head.textContent = row ? row.name + " · " + row.code + " · " + row.team + (row.last ? " · " + cfg.tLast + " : " + row.last : "") : "";
  }
  function fillForm(item) {
    Array.prototype.forEach.call(form.elements, function (e) {
      if (e.type === "checkbox" || e.type === "radio") e.checked = false;
      else if (e.name && e.name !== "csrfmiddlewaretoken" && e.type !== "submit" && e.type !== "button") e.value = "";
    });
    item.fields.forEach(function (f) {
      var named = form.querySelectorAll('[name="' + f[0] + '"]');
      named.forEach(function (e) {
        if (e.type === "checkbox" || e.type === "radio") { if (e.value === f[1]) e.checked = true; }
        else e.value = f[1];
      });
      if (f[0].indexOf("rdr-") === 0 && f[1]) {
        var d = form.querySelector("details.rdr-ql"); if (d) d.open = true;
      }
    });
    if (caseload[item.tenant]) picker.value = item.tenant;
    showTenant();
    form.dataset.uuid = item.uuid;
    form.querySelectorAll("input").forEach(function (e) { e.dispatchEvent(new Event("change", { bubbles: true })); });
    form.scrollIntoView();
  }
  function setupPage() {
    if (!app) return;
    var path = location.pathname;
    app.querySelector(".off-elsewhere").hidden = path === cfg.page || path === cfg.quicklog;
    picker.addEventListener("change", showTenant);
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      if (!form.elements.tenant.value) { window.alert(cfg.tPick); return; }
      var key = form.dataset.uuid || uuid4();
      enqueue(form, key, tenantLabel(caseload[form.elements.tenant.value])).then(function () {
        delete form.dataset.uuid;
        form.reset();
        showTenant();
        var kept = app.querySelector(".off-kept");
        kept.textContent = "✓ " + cfg.tKept;
        kept.hidden = false;
        kept.scrollIntoView();
        return render();
      }).then(function () { if (navigator.onLine) return sync(); });
    });
    app.addEventListener("click", function (e) {
      var b = e.target.closest(".off-correct");
      if (!b) return;
      all("queue").then(function (items) {
        var item = items.filter(function (i) { return i.uuid === b.dataset.uuid; })[0];
        if (item) fillForm(item);
      });
    });
    return loadPicker();
  }

  // ------------------------------------- the online quick log (htmx form)
  function isQuicklogForm(f) { return f && f.matches && f.matches("form.ql-form") && f.id !== "offline-form"; }
  function keyOf(f) { if (!f.dataset.uuid) f.dataset.uuid = uuid4(); return f.dataset.uuid; }
  function keepFromQuicklog(f, key) {
    var name = f.querySelector(".ql-name");
    return enqueue(f, key, name ? name.textContent.trim() : "").then(function () {
      delete f.dataset.uuid;
      var note = f.querySelector(".off-kept") || el("p", "msg msg-success off-kept");
      note.setAttribute("role", "status");
      note.textContent = "✓ " + cfg.tKept;
      f.insertBefore(note, f.firstChild);
      f.reset();
      return render();
    });
  }
  // The identifier travels with the htmx post: a retry of the same form is stored once.
  document.addEventListener("htmx:configRequest", function (e) {
    var f = e.detail.elt;
    if (isQuicklogForm(f)) e.detail.parameters.client_uuid = keyOf(f);
  });
  // Offline: keep the visit instead of posting it.
  document.addEventListener("submit", function (e) {
    var f = e.target;
    if (navigator.onLine || !cfg.user) return;
    if (isQuicklogForm(f)) {
      e.preventDefault();
      e.stopImmediatePropagation();
      keepFromQuicklog(f, keyOf(f));
    } else if (f.matches(".ql-picker") && cfg.page) {
      e.preventDefault();
      e.stopImmediatePropagation();
      location.href = cfg.page + tenantQuery(f.elements.tenant);
    }
  }, true);
  // The phone's form preselects a tenant by id; the type-ahead's text box holds a name.
  function tenantQuery(field) {
    return field && /^\d+$/.test(field.value) ? "?tenant=" + field.value : "";
  }
  // A tenant chosen from a list (select) loads the form from the server: offline,
  // open the phone's form. Not the type-ahead's text box: it "changes" when it
  // loses the focus, after the form was opened (a tap on a chip would leave it).
  document.addEventListener("change", function (e) {
    var s = e.target;
    if (navigator.onLine || !cfg.page || !s.closest || !s.closest(".ql-picker") || s.name !== "tenant") return;
    e.stopImmediatePropagation();
    location.href = cfg.page + tenantQuery(s);
  }, true);
  // The post failed on the way (no signal though "online"): keep it, same identifier.
  document.addEventListener("htmx:sendError", function (e) {
    var f = e.detail.elt;
    // The picker asked the server for a tenant's form (tenant-picker.js): open the phone's.
    var path = (e.detail.pathInfo && e.detail.pathInfo.requestPath) || "";
    var asked = new URL(path, location.href);
    if (cfg.page && asked.pathname === cfg.quicklog && /^\d+$/.test(asked.searchParams.get("tenant") || "")) {
      location.href = cfg.page + "?tenant=" + asked.searchParams.get("tenant");
      return;
    }
    if (!isQuicklogForm(f)) return;
    keepFromQuicklog(f, keyOf(f));
  });

  // ------------------------------------------------------------- logout
  document.addEventListener("submit", function (e) {
    var f = e.target;
    if (!f.action || new URL(f.action, location.href).pathname !== cfg.logout) return;
    e.preventDefault();
    var go = function () { wipeAll().then(function () { f.submit(); }); };
    var flush = navigator.onLine ? sync().catch(function () {}) : Promise.resolve();
    flush.then(myQueue).then(function (items) {
      if (items.length && !window.confirm(cfg.tLogout)) return;
      go();
    }, go);
  });

  document.addEventListener("click", function (e) {
    if (e.target.closest && e.target.closest(".off-send")) sync();
  });
  window.addEventListener("online", function () { render().then(sync); });
  window.addEventListener("offline", render);

  // ------------------------------------------------------------- start
  function start() {
    if (!cfg.user) {
      // Login page: logged out or session over. The caseload goes; visits
      // not yet sent wait for their author (wiped if another account logs in).
      var exists = indexedDB.databases
        ? indexedDB.databases().then(function (dbs) { return dbs.some(function (d) { return d.name === DB_NAME; }); })
        : Promise.resolve(true);
      return exists.then(function (yes) { return yes ? wipeCaseload() : dropPageCache(); });
    }
    if ("serviceWorker" in navigator && cfg.sw && cfg.canLog) {
      navigator.serviceWorker.register(cfg.sw, { scope: "/" }).catch(function () {});
    }
    return getMeta("user").then(function (owner) {
      if (owner && String(owner) !== cfg.user) return wipeAll().then(function () { return setMeta("user", cfg.user); });
      if (!owner) return setMeta("user", cfg.user);
    }).then(function () { return getMeta("expires"); }).then(function (expires) {
      // The session ended while offline: the caseload goes.
      if (!navigator.onLine && expires && expires < Date.now()) return wipeCaseload();
    }).then(function () {
      if (!cfg.canLog) return;
      var onForm = !!app || !!document.querySelector("form.ql-form, .ql-picker");
      return refreshState(onForm);
    }).then(setupPage).then(render).then(function () {
      if (navigator.onLine) return sync();
    });
  }
  var ready = start();
  ready.catch(function () {});
  window.smesOffline.ready = ready;
  window.smesOffline.sync = sync;
})();
