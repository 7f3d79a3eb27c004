// HooChat's page: sign in, groups, and live chat in which nobody's message is attributed.
// Every text from the server is put in the page with textContent, never parsed as HTML (and the
// page's Content-Security-Policy makes the HTML sinks throw: require-trusted-types-for 'script').

import { createApi, inWords, loadConfig, Problem } from './api.js';
import { Live } from './live.js';

const SESSION_KEY = 'hoochat.session';
const REPORTED_KEY = 'hoochat.reported';
const INVITE_HASH = /^#invite=(.*)$/;
const $ = (id) => document.getElementById(id);

let session = readSession();
let config;
let api;
let live = null;
// The open group: its messages' last seq, the seqs unsent or hidden (even before they are shown),
// and how many presence frames arrived (a GET answer older than a frame is not shown).
let current = null; // { id, group, lastSeq, gone: Map(seq → 'unsent' | 'hidden'), presenceFrames }
const unread = new Set();
// Why the Send button waits: '*' (the posting rate, every group) or a groupId (muted there).
const holds = new Map(); // key → { until (ms), what }
let holdTimer = null;
let signInTimer = null;
const reported = readReported();

function readSession() {
  try {
    const saved = JSON.parse(sessionStorage.getItem(SESSION_KEY) || 'null');
    return saved && saved.token ? saved : null;
  } catch {
    return null;
  }
}

/** The messages this tab's user reported (so that the page offers a report once per message). */
function readReported() {
  try {
    return new Set(JSON.parse(sessionStorage.getItem(REPORTED_KEY) || '[]'));
  } catch {
    return new Set();
  }
}

function rememberReported(messageId) {
  reported.add(messageId);
  sessionStorage.setItem(REPORTED_KEY, JSON.stringify([...reported]));
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

/** "in 12 s", "in 45 min (at 14:05)", "at 09:30 on Thu 3 Dec": when a wait of seconds ends. */
function waitInWords(until) {
  const left = Math.max(1, Math.ceil((until - Date.now()) / 1000));
  if (left < 120) return 'in ' + left + ' s';
  const at = new Date(until);
  const clock = at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  if (left < 2 * 3600) return 'in ' + Math.ceil(left / 60) + ' min (at ' + clock + ')';
  const day = at.toLocaleDateString([], { weekday: 'short', day: 'numeric', month: 'short' });
  return 'at ' + clock + ' on ' + day;
}

/** Makes Send wait: for the posting rate ('*') in every group, for a mute in that group only. */
function holdSend(key, seconds, what) {
  holds.set(key, { until: Date.now() + seconds * 1000, what });
  showSendHold();
}

function sendHold() {
  let longest = null;
  for (const [key, hold] of holds) {
    if (hold.until <= Date.now()) {
      holds.delete(key);
    } else if ((key === '*' || (current && key === current.id)) && (!longest || hold.until > longest.until)) {
      longest = hold;
    }
  }
  return longest;
}

/** The open group's Send button and its line: disabled with a countdown while a hold lasts. */
function showSendHold() {
  clearInterval(holdTimer);
  const tick = () => {
    const hold = sendHold();
    const line = $('send-wait');
    $('send').disabled = Boolean(hold);
    line.hidden = !hold;
    line.textContent = hold ? hold.what + ' You can try again ' + waitInWords(hold.until) + '.' : '';
    return Boolean(hold);
  };
  if (tick()) {
    holdTimer = setInterval(() => {
      if (!tick()) clearInterval(holdTimer);
    }, 1000);
  }
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
  const invite = INVITE_HASH.exec(window.location.hash);
  if (!session) {
    current = null;
    show('view-signin');
    if (invite) notice('You have an invite to a group: sign in, or create an account, to join it.');
    $('handle').focus();
    return;
  }
  if (invite) {
    await joinByInvite(invite[1]);
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
  reported.clear();
  holds.clear();
  sessionStorage.removeItem(SESSION_KEY);
  sessionStorage.removeItem(REPORTED_KEY);
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
  // An invite link that brought the person here is followed once they are signed in.
  if (!INVITE_HASH.test(window.location.hash)) window.location.hash = '';
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

// ---------------------------------------------------------------- invites

/** Follows an invite link (#invite=<code>): joins the group and opens it, or says why not. */
async function joinByInvite(code) {
  let group;
  try {
    if (!/^[A-Za-z0-9_-]{1,128}$/.test(code)) {
      throw new Problem(404, 'invite_not_found', '');
    }
    group = await api.joinByInvite(code);
  } catch (problem) {
    if (!(problem instanceof Problem) || problem.code === 'unauthenticated') throw problem;
    const why =
      problem.code === 'already_member'
        ? 'You are already in the group of that invite link: it is in your list. [409 already_member]'
        : inWords(problem);
    // The link is spent either way: it leaves the address, and back does not follow it again.
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
    notice('');
    await route();
    showError(why);
    return;
  }
  window.location.replace('#/g/' + encodeURIComponent(group.groupId));
  notice('You joined ' + group.name + '.');
}

/** The link that joins with a code: this page, on this origin, with #invite=<code>. */
function inviteLink(code) {
  return window.location.origin + window.location.pathname + '#invite=' + encodeURIComponent(code);
}

function formatWhen(iso) {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  return (
    at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) +
    ' on ' +
    at.toLocaleDateString([], { weekday: 'short', day: 'numeric', month: 'short' })
  );
}

/** The owner's live invite links, each with its link to copy and a Revoke button. */
async function loadInvites() {
  const id = current.id;
  const { invites } = await api.invites(id);
  if (!current || current.id !== id) return;
  const list = $('invite-list');
  list.replaceChildren();
  for (const invite of invites) {
    const item = el('li', 'invite');
    const link = el('input', 'invite-link');
    link.readOnly = true;
    link.value = inviteLink(invite.code);
    link.setAttribute('aria-label', 'Invite link');
    link.addEventListener('focus', () => link.select());
    const uses = invite.maxUses === 1 ? '1 use' : invite.maxUses + ' uses';
    const meta = el('p', 'help invite-meta', invite.uses + ' of ' + uses + ' taken · expires ' + formatWhen(invite.expiresAt));
    const copy = el('button', 'quiet copy', 'Copy');
    copy.type = 'button';
    copy.addEventListener('click', guarded(() => copyLink(link)));
    const revoke = el('button', 'danger revoke', 'Revoke');
    revoke.type = 'button';
    revoke.addEventListener('click', guarded(() => revokeInvite(invite.code)));
    const buttons = el('div', 'inline');
    buttons.append(copy, revoke);
    item.append(link, meta, buttons);
    list.append(item);
  }
  $('no-invites').hidden = invites.length > 0;
}

async function copyLink(input) {
  input.focus();
  input.select();
  try {
    await navigator.clipboard.writeText(input.value);
    notice('Invite link copied. Send it to whoever should join.');
  } catch {
    const copied = document.execCommand && document.execCommand('copy');
    notice(copied ? 'Invite link copied. Send it to whoever should join.' : 'Copy the selected link (Ctrl+C or ⌘C).');
  }
}

async function onCreateInvite() {
  const maxUses = Number($('invite-uses').value);
  const ttlSeconds = Number($('invite-ttl').value);
  await inGroup(() => api.createInvite(current.id, maxUses, ttlSeconds));
  if (!current) return;
  await loadInvites();
  notice('Invite link created: copy it and send it to whoever should join.');
  const first = $('invite-list').querySelector('.invite-link');
  if (first) first.focus();
}

async function revokeInvite(code) {
  await inGroup(() => api.revokeInvite(current.id, code));
  if (!current) return;
  await loadInvites();
  notice('Invite link revoked: it no longer lets anyone in.');
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
    current = { id, group, lastSeq: 0, gone: new Map(), presenceFrames: 0 };
    $('messages').replaceChildren();
    $('message-input').value = '';
    $('presence').hidden = true;
    $('invite-list').replaceChildren();
  }
  current.group = group;
  unread.delete(id);
  renderGroup(group);
  show('view-chat');
  showSendHold();
  readPresence();
  if (group.ownerId === session.userId) loadInvites().catch(report);
  if (fresh) {
    $('members-panel').open = window.matchMedia('(min-width: 50rem)').matches;
    $('message-input').focus();
    await catchUp(false);
  }
}

/** Runs a call about the open group; when the user is no longer in it, goes back to the list. */
async function inGroup(call) {
  try {
    return await call();
  } catch (problem) {
    if (problem instanceof Problem && problem.code === 'group_not_found') {
      leaveView(inWords(problem));
      return undefined;
    }
    throw problem;
  }
}

// ---------------------------------------------------------------- presence

/** "3 of 7 online": how many members have the chat open somewhere, never who. */
function showPresence(online, members) {
  const line = $('presence');
  line.textContent = online + ' of ' + members + ' online';
  line.hidden = false;
}

/** Reads the count; a presence frame that arrived meanwhile is newer and wins. Best effort. */
function readPresence() {
  const id = current.id;
  const frames = current.presenceFrames;
  api
    .presence(id)
    .then((answer) => {
      if (current && current.id === id && current.presenceFrames === frames) {
        showPresence(answer.online, answer.members);
      }
    })
    .catch((problem) => {
      if (problem instanceof Problem && problem.code === 'unauthenticated') report(problem);
    });
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
  $('invites').hidden = !owner;
  // The owner may mute the author of any message — their own included, so the button shows nothing.
  $('messages').classList.toggle('owner', owner);
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
  item.dataset.id = message.messageId;
  item.append(el('span', 'who', message.mine ? 'You' : 'A member'));
  item.append(el('p', 'body', message.body));
  const time = el('time', 'at', formatTime(message.sentAt));
  time.dateTime = message.sentAt;
  item.append(time);
  const acts = el('div', 'acts');
  if (message.mine) {
    acts.append(actButton('Unsend', 'unsend', () => askUnsend(item, message)));
  } else {
    const done = reported.has(message.messageId);
    const button = actButton(done ? 'Reported' : 'Report', 'report', () => askReport(item, message, button));
    button.disabled = done;
    acts.append(button);
  }
  acts.append(actButton('Mute author', 'mute-author', () => askMute(item, message)));
  item.append(acts);
  return item;
}

/**
 * What is left of an unsent or hidden message, for everybody alike: no body, no "You" — the
 * server's placeholder carries no mine either, so a reload shows the same.
 */
function goneItem(seq, messageId, sentAt, kind) {
  const item = el('li', 'msg gone');
  item.dataset.seq = String(seq);
  item.dataset.id = messageId;
  item.append(el('p', 'body', kind === 'unsent' ? 'message unsent' : 'hidden by reports'));
  const time = el('time', 'at', formatTime(sentAt));
  time.dateTime = sentAt;
  item.append(time);
  return item;
}

function goneKind(message) {
  if (message.unsent) return 'unsent';
  if (message.hidden) return 'hidden';
  return current.gone.get(message.seq) || null;
}

/** A message was unsent or hidden: its item (if shown) becomes the placeholder, live. */
function markGone(seq, kind) {
  current.gone.set(seq, kind);
  const item = $('messages').querySelector('li[data-seq="' + Number(seq) + '"]');
  if (!item || item.classList.contains('gone')) return;
  const time = item.querySelector('time');
  const focused = item.contains(document.activeElement);
  const placeholder = goneItem(seq, item.dataset.id, time ? time.dateTime : '', kind);
  item.replaceWith(placeholder);
  if (focused) $('messages').focus();
}

function actButton(text, className, action) {
  const button = el('button', 'quiet act ' + className, text);
  button.type = 'button';
  button.addEventListener('click', guarded(action));
  return button;
}

/**
 * Asks in the message itself before acting: a sentence, maybe a choice, and two buttons. One
 * question is open at a time; the answer runs the action, Cancel puts the focus back.
 */
function ask(item, opener, { text, choice, yes, danger, action }) {
  for (const open of document.querySelectorAll('#messages .confirm')) open.remove();
  const box = el('div', 'confirm');
  box.setAttribute('role', 'group');
  box.setAttribute('aria-label', yes);
  box.append(el('p', 'confirm-text', text));
  if (choice) box.append(choice);
  const ok = el('button', danger ? 'danger confirm-yes' : 'confirm-yes', yes);
  ok.type = 'button';
  const cancel = el('button', 'quiet confirm-no', 'Cancel');
  cancel.type = 'button';
  const close = () => {
    box.remove();
    if (opener.isConnected) opener.focus();
  };
  ok.addEventListener(
    'click',
    guarded(async () => {
      ok.disabled = true;
      try {
        await action();
      } finally {
        box.remove();
      }
    }),
  );
  cancel.addEventListener('click', close);
  box.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') close();
  });
  const buttons = el('div', 'actions');
  buttons.append(ok, cancel);
  box.append(buttons);
  item.append(box);
  ok.focus();
}

function askUnsend(item, message) {
  ask(item, item.querySelector('.unsend'), {
    text: 'Unsend this message? Everybody will see "message unsent" in its place.',
    yes: 'Unsend',
    danger: true,
    action: async () => {
      const id = current.id;
      if ((await inGroup(() => api.unsend(id, message.messageId))) === undefined) return;
      if (current && current.id === id) markGone(message.seq, 'unsent');
      notice('Your message was unsent.');
    },
  });
}

function askReport(item, message, button) {
  ask(item, button, {
    text:
      'Report this message? When enough members of the group report it, it is hidden for ' +
      'everybody. Nobody is told who reported it.',
    yes: 'Report',
    danger: true,
    action: async () => {
      if ((await inGroup(() => api.reportMessage(current.id, message.messageId))) === undefined) return;
      rememberReported(message.messageId);
      button.textContent = 'Reported';
      button.disabled = true;
      notice('You reported the message.');
    },
  });
}

const MUTE_CHOICES = [
  [15, '15 minutes'],
  [60, '1 hour'],
  [480, '8 hours'],
  [1440, '1 day'],
  [10080, '7 days'],
];

/** The owner mutes whoever wrote the message: the same question and answer for every message. */
function askMute(item, message) {
  const choice = el('div', 'choice');
  const label = el('label', '', 'For');
  const select = el('select', 'mute-minutes');
  select.id = 'mute-minutes';
  label.htmlFor = select.id;
  for (const [minutes, words] of MUTE_CHOICES) {
    const option = el('option', '', words);
    option.value = String(minutes);
    option.selected = minutes === 60;
    select.append(option);
  }
  choice.append(label, select);
  ask(item, item.querySelector('.mute-author'), {
    text:
      "Mute the author of this message? Their posts to this group are refused until the mute " +
      'ends. Nobody is told who it is, and the member list does not change.',
    choice,
    yes: 'Mute author',
    danger: true,
    action: async () => {
      const minutes = Number(select.value);
      const words = select.options[select.selectedIndex].textContent;
      if ((await inGroup(() => api.muteAuthor(current.id, message.messageId, minutes))) === undefined) return;
      notice('The author of that message is muted in this group for ' + words + '.');
    },
  });
}

function formatTime(iso) {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? '' : at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

/**
 * Puts a message in seq order, once; a repeat (a push already caught up) is ignored, unless it
 * says that the message shown was unsent or hidden meanwhile.
 */
function place(message) {
  const list = $('messages');
  const nearBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 80;
  const kind = goneKind(message);
  let before = null;
  for (const item of list.children) {
    const seq = Number(item.dataset.seq);
    if (seq === message.seq) {
      if (kind) markGone(message.seq, kind);
      return;
    }
    if (seq > message.seq) {
      before = item;
      break;
    }
  }
  const item = kind ? goneItem(message.seq, message.messageId, message.sentAt, kind) : messageItem(message);
  list.insertBefore(item, before);
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

/**
 * After a reconnect: messages already shown may have been unsent or hidden while the socket was
 * down (their frames are lost); the window says so.
 */
async function reconcile() {
  if (!current) return;
  const id = current.id;
  const history = await api.messages(id);
  if (!current || current.id !== id) return;
  for (const message of history.messages) {
    if (message.unsent || message.hidden) markGone(message.seq, message.unsent ? 'unsent' : 'hidden');
  }
}

async function onSend() {
  if (sendHold()) return;
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
      // Held back by the posting rate (every group) or muted by this group's owner (this group).
      holdSend(problem.code === 'muted' ? id : '*', problem.retryAfterSeconds, inWords(problem));
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
let connectionNoticeShown = false;

/** Opens the live connection; `resumed` when the page was away and must catch up once it is up. */
function connect(resumed = false) {
  if (live) live.stop();
  everUp = false;
  let catchUpFirst = resumed;
  live = new Live(config.webSocketUrl, () => session.token, {
    onFrame(frame) {
      const here = current && frame.groupId === current.id;
      if (frame.type === 'message') {
        if (here) {
          place(frame);
        } else if (!unread.has(frame.groupId)) {
          unread.add(frame.groupId);
          if (!$('view-groups').hidden) listGroups().catch(report);
        }
      } else if ((frame.type === 'unsent' || frame.type === 'hidden') && here) {
        markGone(frame.seq, frame.type);
      } else if (frame.type === 'presence' && here) {
        current.presenceFrames += 1;
        showPresence(frame.online, frame.members);
      }
    },
    onUp() {
      const again = everUp;
      everUp = true;
      // Only the connection's own notice goes: one the page showed meanwhile ("You joined …",
      // set while the first connection was still opening) stays.
      if (connectionNoticeShown) notice('');
      connectionNoticeShown = false;
      if (again) notice('Connected again.');
      if (again || catchUpFirst) {
        catchUpFirst = false;
        refreshAfterReconnect().catch(report);
      }
    },
    onDown(seconds) {
      connectionNoticeShown = true;
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
    await reconcile();
  } else if (!$('view-groups').hidden) {
    await listGroups();
  }
}

// ---------------------------------------------------------------- wiring

function wire() {
  $('signin-form').addEventListener('submit', guarded(onSignIn));
  $('create-form').addEventListener('submit', guarded(onCreate));
  $('add-form').addEventListener('submit', guarded(onAdd));
  $('invite-form').addEventListener('submit', guarded(onCreateInvite));
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
  // A page the browser keeps in its back/forward cache is not open anywhere: its socket closes
  // (so presence counts it out), and opens again, catching up, when the page is shown again.
  window.addEventListener('pagehide', (event) => {
    if (event.persisted && live) {
      live.stop();
      live = null;
    }
  });
  window.addEventListener('pageshow', (event) => {
    if (event.persisted && session && config) connect(true);
  });
}

async function main() {
  wire();
  config = await loadConfig();
  api = createApi(config.apiBase, () => session && session.token);
  if (session) connect();
  await route();
}

main().catch(report);
