// "Notify me": Web Push for the area you are in, or for areas picked on the map. The browser's
// push service hands each warning to the service worker (/sw.js), which shows it even with the
// page closed; "Stop notifications" removes the subscription from the server and the browser.
(function () {
  'use strict';
  const el = window.tocsinCommon.el;
  const STORE = 'tocsin.push';
  const MAX_PICKED = 50;
  const picked = {}; // areaId -> {names, outline layer}
  let picking = false;
  let map = null;

  function node(id) { return document.getElementById(id); }
  function say(text) { node('notify-status').textContent = text; }
  function saved() {
    try { return JSON.parse(localStorage.getItem(STORE)); } catch (e) { return null; }
  }

  function supported() {
    return 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
  }

  // The VAPID public key (base64url) as the bytes PushManager.subscribe takes.
  function keyBytes(base64url) {
    const padded = base64url.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - base64url.length % 4) % 4);
    const raw = atob(padded);
    return Uint8Array.from(raw, c => c.charCodeAt(0));
  }

  function problemText(response) {
    return response.json().then(p => p.detail || p.title || String(response.status),
      () => String(response.status));
  }

  // Subscribes this browser for `target` ({areas: [...]} or {where: {lat, lon}}), named `label`.
  function subscribe(target, label) {
    if (Notification.permission === 'denied') {
      say('Сповіщення заборонені в налаштуваннях браузера · Notifications are blocked in the browser settings');
      return Promise.resolve();
    }
    say('Підключення… · Subscribing…');
    return Notification.requestPermission().then(function (permission) {
      if (permission !== 'granted') throw new Error('Без дозволу на сповіщення · Notifications not allowed');
      return navigator.serviceWorker.register('/sw.js').then(() => navigator.serviceWorker.ready);
    }).then(function (registration) {
      return fetch('/api/v1/push/key').then(function (r) {
        if (!r.ok) throw new Error('Сервер не надсилає сповіщень · This server sends no notifications');
        return r.json();
      }).then(function (key) {
        return registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(key.publicKey) });
      });
    }).then(function (subscription) {
      const json = subscription.toJSON();
      const body = Object.assign({ endpoint: json.endpoint, keys: json.keys }, target);
      return fetch('/api/v1/push/subscriptions', {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body)
      }).then(function (response) {
        if (response.status !== 201) {
          return problemText(response).then(function (detail) {
            subscription.unsubscribe();
            throw new Error(detail);
          });
        }
        return response.json();
      });
    }).then(function (created) {
      localStorage.setItem(STORE, JSON.stringify({ id: created.id, token: created.token, label: label }));
      stopPicking();
      render();
    }).catch(function (e) { say('Не вдалося · Failed: ' + e.message); });
  }

  function unsubscribe() {
    const current = saved();
    const removed = current ? fetch('/api/v1/push/subscriptions/' + encodeURIComponent(current.id), {
      method: 'DELETE', headers: { Authorization: 'Bearer ' + current.token }
    }) : Promise.resolve();
    return removed.then(function () {
      return navigator.serviceWorker.getRegistration('/');
    }).then(function (registration) {
      return registration ? registration.pushManager.getSubscription() : null;
    }).then(function (subscription) {
      return subscription ? subscription.unsubscribe() : true;
    }).then(function () {
      localStorage.removeItem(STORE);
      render();
    }).catch(function (e) { say('Не вдалося · Failed: ' + e.message); });
  }

  function notifyHere() {
    navigator.geolocation.getCurrentPosition(function (p) {
      subscribe({ where: { lat: p.coords.latitude, lon: p.coords.longitude } }, 'мій район · my area');
    }, function () { say('Місцезнаходження недоступне · Location unavailable'); });
  }

  function stopPicking() {
    picking = false;
    Object.keys(picked).forEach(function (id) { map.removeLayer(picked[id].outline); delete picked[id]; });
    render();
  }

  // While picking, a click on an area adds it or takes it away again.
  function areaClicked(feature) {
    if (!picking) return;
    const id = feature.id;
    if (picked[id]) {
      map.removeLayer(picked[id].outline);
      delete picked[id];
    } else if (Object.keys(picked).length < MAX_PICKED) {
      picked[id] = {
        name: feature.properties.nameUk + ' · ' + feature.properties.nameEn,
        outline: L.geoJSON(feature, { pane: 'picked', interactive: false,
          style: { color: '#1e63b5', weight: 3, fillColor: '#1e63b5', fillOpacity: 0.15 } }).addTo(map)
      };
    }
    render();
  }

  function render() {
    const current = saved();
    const count = Object.keys(picked).length;
    node('notify-here').hidden = !!current || picking;
    node('notify-pick').hidden = !!current || picking;
    node('notify-picked').hidden = !picking;
    node('notify-picked').disabled = count === 0;
    node('notify-picked').textContent = 'Сповіщати про обрані (' + count + ') · Notify me for the ' + count + ' picked';
    node('notify-cancel-pick').hidden = !picking;
    node('notify-stop').hidden = !current;
    if (current) say('Сповіщення увімкнено: ' + current.label + ' · Notifications on: ' + current.label);
    else if (picking) say('Клацніть райони на мапі · Click areas on the map (до · up to ' + MAX_PICKED + ')');
    else say('');
  }

  function start(theMap) {
    map = theMap;
    if (!supported()) {
      node('notify').replaceChildren(el('h2', null, 'Сповіщення · Notifications'),
        el('p', 'quiet', 'Цей браузер не підтримує сповіщення · This browser does not support notifications'));
      return;
    }
    map.createPane('picked');
    map.getPane('picked').style.zIndex = 450;
    map.getPane('picked').style.pointerEvents = 'none';
    node('notify-here').addEventListener('click', notifyHere);
    node('notify-pick').addEventListener('click', function () { picking = true; render(); });
    node('notify-cancel-pick').addEventListener('click', stopPicking);
    node('notify-picked').addEventListener('click', function () {
      const ids = Object.keys(picked);
      const names = ids.map(id => picked[id].name);
      subscribe({ areas: ids }, names.slice(0, 3).join(', ') + (names.length > 3 ? ' … +' + (names.length - 3) : ''));
    });
    node('notify-stop').addEventListener('click', unsubscribe);
    render();
  }

  window.tocsinNotify = { start: start, areaClicked: areaClicked, picking: () => picking };
})();
