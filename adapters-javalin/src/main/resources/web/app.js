// HooChat's page: sign in, groups, and live chat in which nobody's message is attributed.
// Every text from the server is put in the page with textContent, never parsed as HTML (and the
// page's Content-Security-Policy makes the HTML sinks throw: require-trusted-types-for 'script').

import { createApi, inWords, loadConfig, Problem } from './api.js';
import { Live } from './live.js';

const SESSION_KEY = 'hoochat.session';
const $ = (id) => document.getElementById(id);

let session = readSession();
let config;
let api;
let live = null;
let current = null; // { id, group, lastSeq }
const unread = new Set();
let sendBlockedUntil = 0;
let sendTimer = null;
let signInTimer = null;

function readSession() {
  try {
    const saved = JSON.parse(sessionStorage.getItem(SESSION_KEY) || 'null');
    return saved && saved.token ? saved : null;
  } catch {
    return null;
  }
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// ---------------------------------------------------------------- notices and problems

function notice(text) {
  const box = $('notice');
  box.textContent = text || '';
  box.hidden = !text;
}

function showError(text) {
  const box = $('error');
  box.textContent = text || '';
  box.hidden = !text;
}

/** Runs an action; any problem is shown in words, a lost session signs out. */
function guarded(action) {
  return async (event) => {
    if (event && event.preventDefault) event.preventDefault();
    showError('');
    try {
      await action(event);
    } catch (problem) {
      report(problem);
    }
  };
}

function report(problem) {
  if (problem instanceof Problem && problem.code === 'unauthenticated' && session) {
    signOut(inWords(problem));
    return;
  }
  showError(inWords(problem));
}

/** Disables a button for the server's Retry-After, saying how long in a live line of text. */
function holdBack(button, line, seconds, what, onDone) {
  const until = Date.now() + seconds * 1000;
  button.disabled = true;
  const tick = () => {
    const left = Math.ceil((until - Date.now()) / 1000);
    if (left <= 0) {
      button.disabled = false;
      line.hidden = true;
      line.textContent = '';
      onDone();
      return false;
    }
    line.hidden = false;
    line.textContent = what + ' You can try again in ' + left + ' s.';
    return true;
  };
  tick();
  const timer = setInterval(() => {
    if (!tick()) clearInterval(timer);
  }, 1000);
  return timer;
}

// ---------------------------------------------------------------- views

function show(view) {
  for (const id of ['view-signin', 'view-groups', 'view-chat']) $(id).hidden = id !== view;
  const signedIn = Boolean(session);
  $('whoami').hidden = !signedIn;
  $('whoami').textContent = signedIn ? 'Signed in as ' + session.handle : '';
  $('sign-out').hidden = !signedIn;
}

async function route() {
  showError('');
  if (!session) {
    current = null;
    show('view-signin');
    $('handle').focus();
    return;
  }
  const match = /^#\/g\/([^/]+)$/.exec(window.location.hash);
  if (match) {
    await openGroup(decodeURIComponent(match[1]));
  } else {
    current = null;
    show('view-groups');
    document.title = 'HooChat';
    $('groups-title').focus();
    await listGroups();
  }
}

// ---------------------------------------------------------------- signing in

function startSession(answer) {
  session = { token: answer.token, userId: answer.userId, handle: answer.handle };
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
  $('password').value = '';
  connect();
}

function signOut(why) {
  if (live) live.stop();
  live = null;
  session = null;
  current = null;
  unread.clear();
  sessionStorage.removeItem(SESSION_KEY);
  notice('');
  if (window.location.hash) window.location.hash = '';
  route()
    .then(() => showError(why || ''))
    .catch(report);
}

async function onSignIn(event) {
  const up = event.submitter && event.submitter.value === 'signup';
  const handle = $('handle').value.trim().toLowerCase();
  const password = $('password').value;
  try {
    startSession(up ? await api.signUp(handle, password) : await api.signIn(handle, password));
  } catch (problem) {
    if (problem instanceof Problem && problem.retryAfterSeconds) {
      clearInterval(signInTimer);
      const line = $('error');
      signInTimer = holdBack($('sign-in'), line, problem.retryAfterSeconds, inWords(problem), () => {});
      line.hidden = false;
      return;
    }
    throw problem;
  }
  window.location.hash = '';
  await route();
}

// ---------------------------------------------------------------- groups

async function listGroups() {
  const { groups } = await api.groups();
  const list = $('group-list');
  list.replaceChildren();
  for (const summary of groups) {
    const item = el('li');
    const link = el('a', 'group-link');
    link.href = '#/g/' + encodeURIComponent(summary.groupId);
    link.append(el('span', 'group-name', summary.name));
    const count = summary.memberCount === 1 ? '1 member' : summary.memberCount + ' members';
    link.append(el('span', 'group-count', count));
    if (unread.has(summary.groupId)) link.append(el('span', 'badge', 'new messages'));
    item.append(link);
    list.append(item);
  }
  $('no-groups').hidden = groups.length > 0;
}

async function onCreate() {
  const name = $('group-name').value.trim();
  const members = $('group-members').value.split(',').map((h) => h.trim().toLowerCase()).filter(Boolean);
  const group = await api.createGroup(name, members);
  $('group-name').value = '';
  $('group-members').value = '';
  window.location.hash = '#/g/' + encodeURIComponent(group.groupId);
}

// ---------------------------------------------------------------- one group

async function openGroup(id) {
  let group;
  try {
    group = await api.group(id);
  } catch (problem) {
    if (problem instanceof Problem && problem.code === 'group_not_found') {
      leaveView(inWords(problem));
      return;
    }
    throw problem;
  }
  const fresh = !current || current.id !== id;
  if (fresh) {
    current = { id, group, lastSeq: 0 };
    $('messages').replaceChildren();
    $('message-input').value = '';
  }
  current.group = group;
  unread.delete(id);
  renderGroup(group);
  show('view-chat');
  if (fresh) {
    $('members-panel').open = window.matchMedia('(min-width: 50rem)').matches;
    $('message-input').focus();
    await catchUp(false);
  }
}

/** Back to the group list, saying why (the group is gone, or the user is no longer in it). */
function leaveView(why) {
  current = null;
  if (window.location.hash) {
    window.location.hash = '';
  } else {
    route().catch(report);
  }
  setTimeout(() => showError(why), 0);
}

function renderGroup(group) {
  document.title = group.name + ' — HooChat';
  $('chat-title').textContent = group.name;
  const owner = group.ownerId === session.userId;
  $('members-summary').textContent = 'Members (' + group.members.length + ')';
  const list = $('member-list');
  list.replaceChildren();
  for (const member of group.members) {
    const item = el('li', 'member');
    item.append(el('span', 'member-handle', member.handle));
    if (member.userId === group.ownerId) item.append(el('span', 'tag', 'owner'));
    if (member.userId === session.userId) item.append(el('span', 'tag', 'you'));
    if (owner && member.userId !== session.userId) {
      const remove = el('button', 'quiet remove', 'Remove');
      remove.type = 'button';
      remove.setAttribute('aria-label', 'Remove ' + member.handle);
      remove.addEventListener('click', guarded(() => removeMember(member)));
      item.append(remove);
    }
    list.append(item);
  }
  $('add-form').hidden = !owner;
}

async function removeMember(member) {
  await api.removeMember(current.id, member.userId);
  notice(member.handle + ' is no longer in the group.');
  await openGroup(current.id);
}

async function onLeave() {
  const name = current.group.name;
  await api.removeMember(current.id, session.userId);
  current = null;
  window.location.hash = '';
  notice('You left ' + name + '.');
}

async function onAdd() {
  const handle = $('add-handle').value.trim().toLowerCase();
  const group = await api.addMember(current.id, handle);
  $('add-handle').value = '';
  current.group = group;
  renderGroup(group);
  notice(handle + ' is now in the group.');
}

// ---------------------------------------------------------------- messages

/**
 * One message. Another member's message says "A member" and nothing else about who wrote it —
 * no name, picture or colour — so every other member's messages look alike but for their text.
 */
function messageItem(message) {
  const item = el('li', message.mine ? 'msg mine' : 'msg');
  item.dataset.seq = String(message.seq);
  item.append(el('span', 'who', message.mine ? 'You' : 'A member'));
  item.append(el('p', 'body', message.body));
  const time = el('time', 'at', formatTime(message.sentAt));
  time.dateTime = message.sentAt;
  item.append(time);
  return item;
}

function formatTime(iso) {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? '' : at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

/** Puts a message in seq order, once; a repeat (a push already caught up) is ignored. */
function place(message) {
  const list = $('messages');
  const nearBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 80;
  let before = null;
  for (const item of list.children) {
    const seq = Number(item.dataset.seq);
    if (seq === message.seq) return;
    if (seq > message.seq) {
      before = item;
      break;
    }
  }
  list.insertBefore(messageItem(message), before);
  current.lastSeq = Math.max(current.lastSeq, message.seq);
  if (nearBottom || message.mine) list.scrollTop = list.scrollHeight;
}

/** Fetches what the page has not shown yet (all of the window the first time). */
async function catchUp(again) {
  if (!current) return;
  const id = current.id;
  const after = current.lastSeq > 0 ? current.lastSeq : undefined;
  const history = await api.messages(id, after);
  if (!current || current.id !== id) return;
  for (const message of history.messages) place(message);
  if (again && history.gap) {
    notice(
      'Some messages were sent while you were away and are gone for good: a group keeps only ' +
        'its 100 newest. The oldest shown now is #' + history.oldestSeq + '.',
    );
  }
}

async function onSend() {
  if (Date.now() < sendBlockedUntil) return;
  const input = $('message-input');
  const body = input.value;
  if (!body.trim()) {
    showError('Write a message first.');
    input.focus();
    return;
  }
  const id = current.id;
  const clientMessageId = 'w-' + crypto.randomUUID();
  try {
    await postOnce(id, body, clientMessageId);
  } catch (problem) {
    if (problem instanceof Problem && problem.retryAfterSeconds) {
      sendBlockedUntil = Date.now() + problem.retryAfterSeconds * 1000;
      clearInterval(sendTimer);
      sendTimer = holdBack($('send'), $('send-wait'), problem.retryAfterSeconds, inWords(problem), () => {
        sendBlockedUntil = 0;
      });
      return;
    }
    if (problem instanceof Problem && problem.code === 'group_not_found') {
      leaveView(inWords(problem));
      return;
    }
    throw problem;
  }
  if (current && current.id === id && input.value === body) input.value = '';
  input.focus();
}

/** Posts over REST (its 429 carries Retry-After); a network failure is retried once, safely. */
async function postOnce(id, body, clientMessageId) {
  try {
    return await api.post(id, body, clientMessageId);
  } catch (problem) {
    if (problem instanceof Problem && problem.status === 0) return api.post(id, body, clientMessageId);
    throw problem;
  }
}

// ---------------------------------------------------------------- the live connection

let everUp = false;

function connect() {
  if (live) live.stop();
  everUp = false;
  live = new Live(config.webSocketUrl, () => session.token, {
    onFrame(frame) {
      if (frame.type !== 'message') return;
      if (current && frame.groupId === current.id) {
        place(frame);
      } else if (!unread.has(frame.groupId)) {
        unread.add(frame.groupId);
        if (!$('view-groups').hidden) listGroups().catch(report);
      }
    },
    onUp() {
      const again = everUp;
      everUp = true;
      notice('');
      if (again) {
        notice('Connected again.');
        refreshAfterReconnect().catch(report);
      }
    },
    onDown(seconds) {
      notice('Connection lost. Reconnecting in ' + seconds + ' s…');
      api.me().catch((problem) => {
        if (problem instanceof Problem && problem.code === 'unauthenticated') report(problem);
      });
    },
  });
  live.start();
}

async function refreshAfterReconnect() {
  if (current) {
    await openGroup(current.id);
    await catchUp(true);
  } else if (!$('view-groups').hidden) {
    await listGroups();
  }
}

// ---------------------------------------------------------------- wiring

function wire() {
  $('signin-form').addEventListener('submit', guarded(onSignIn));
  $('create-form').addEventListener('submit', guarded(onCreate));
  $('add-form').addEventListener('submit', guarded(onAdd));
  $('composer').addEventListener('submit', guarded(onSend));
  $('leave').addEventListener('click', guarded(onLeave));
  $('sign-out').addEventListener('click', () => signOut(''));
  $('message-input').addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      $('composer').requestSubmit();
    }
  });
  window.addEventListener('hashchange', () => route().catch(report));
}

async function main() {
  wire();
  config = await loadConfig();
  api = createApi(config.apiBase, () => session && session.token);
  if (session) connect();
  await route();
}

main().catch(report);
