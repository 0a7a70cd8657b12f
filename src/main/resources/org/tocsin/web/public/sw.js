// Tocsin's service worker: shows each warning pushed to this browser (Web Push, RFC 8030) as a
// notification (level, areas, time of arrival, what to do; an exercise or a test marked as such)
// and opens the page when the notification is clicked. A newer message of the same threat
// replaces the older one (same tag); a Cancel or an all-clear says so in its place.
'use strict';

const LEVELS = {
  shelter: { uk: 'УКРИТТЯ', en: 'SHELTER' },
  prepare: { uk: 'ГОТУЙТЕСЯ', en: 'PREPARE' }
};
const MARKS = { Exercise: 'НАВЧАННЯ · EXERCISE', Test: 'ТЕСТ · TEST' };
const DEFAULT_TEXT = {
  shelter: {
    uk: 'Негайно прямуйте до найближчого укриття; залишайтеся там до відбою.',
    en: 'Go to the nearest shelter now, and stay there until the all-clear.'
  },
  prepare: {
    uk: 'Будьте готові негайно перейти в укриття; стежте за оновленнями.',
    en: 'Be ready to take shelter at once; follow the updates.'
  }
};

// hh:mm:ss in UTC, and the minutes left when the message was sent: a notification does not tick.
function arrivalText(iso, sentIso) {
  const arrival = Date.parse(iso);
  if (isNaN(arrival)) return null;
  const sent = Date.parse(sentIso);
  const clock = new Date(arrival).toISOString().substring(11, 19) + ' UTC';
  if (isNaN(sent)) return 'Прибуття о ' + clock + ' · Arrival at ' + clock;
  const seconds = Math.max(0, Math.round((arrival - sent) / 1000));
  const left = Math.floor(seconds / 60) + ':' + String(seconds % 60).padStart(2, '0');
  return 'Прибуття через ' + left + ' (о ' + clock + ') · Arrival in ' + left + ' (at ' + clock + ')';
}

function text(value, lang) {
  if (!value) return null;
  if (typeof value === 'string') return value;
  return value[lang] || null;
}

// What the notification says, from the pushed message (see README, "Web Push").
function notificationOf(message) {
  const mark = MARKS[message.status] ? MARKS[message.status] + ' — ' : '';
  const areas = Array.isArray(message.areas) ? message.areas : [];
  const names = areas.slice(0, 3).map(a => a.nameUk + ' · ' + a.nameEn).join(', ') +
    (areas.length > 3 ? ' … +' + (areas.length - 3) : '');
  const ended = message.msgType === 'Cancel' || !message.level || message.level === 'none';
  let title;
  const lines = [];
  if (ended) {
    title = mark + 'Відбій · All clear';
    const headline = [text(message.headline, 'uk'), text(message.headline, 'en')].filter(Boolean).join(' · ');
    lines.push(headline || 'Тривогу скасовано · The warning is over');
    if (names) lines.push(names);
  } else {
    const level = LEVELS[message.level] || { uk: String(message.level), en: String(message.level) };
    title = mark + level.uk + ' · ' + level.en + (names ? ': ' + names : '');
    const earliest = areas.map(a => a.earliestArrival).filter(Boolean).sort()[0];
    const arrival = earliest ? arrivalText(earliest, message.sent) : null;
    if (arrival) lines.push(arrival);
    const fallback = DEFAULT_TEXT[message.level] || {};
    lines.push(text(message.instruction, 'uk') || fallback.uk || '');
    lines.push(text(message.instruction, 'en') || fallback.en || '');
    if (message.authority) lines.push('Джерело · Source: ' + message.authority);
    if (MARKS[message.status]) lines.push('Це не справжня тривога · This is not a real alert');
  }
  return {
    title: title,
    options: {
      body: lines.filter(Boolean).join('\n'),
      tag: 'tocsin-' + (message.threat || 'alert'),
      renotify: true,
      requireInteraction: !ended && message.level === 'shelter',
      icon: '/favicon.svg',
      timestamp: Date.parse(message.sent) || Date.now(),
      data: { url: '/', threat: message.threat, status: message.status, level: ended ? 'none' : message.level }
    }
  };
}

self.addEventListener('install', function () { self.skipWaiting(); });
self.addEventListener('activate', function (event) { event.waitUntil(self.clients.claim()); });

self.addEventListener('push', function (event) {
  let message = null;
  try { message = event.data ? event.data.json() : null; } catch (e) { message = null; }
  // A push that cannot be read still shows something: the browser requires it, and people should
  // look at the page rather than see nothing.
  const shown = message && typeof message === 'object' ? notificationOf(message) : {
    title: 'Tocsin',
    options: { body: 'Нове повідомлення · New message: відкрийте сторінку · open the page', tag: 'tocsin', data: { url: '/' } }
  };
  event.waitUntil(self.registration.showNotification(shown.title, shown.options));
});

self.addEventListener('notificationclick', function (event) {
  event.notification.close();
  const url = (event.notification.data && event.notification.data.url) || '/';
  event.waitUntil(self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then(function (windows) {
    for (const w of windows) {
      if (new URL(w.url).pathname === url && 'focus' in w) return w.focus();
    }
    return self.clients.openWindow(url);
  }));
});
