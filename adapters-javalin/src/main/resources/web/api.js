// The REST half of docs/API.md, and where the page finds it (docs/web-client.md).

/** A problem answer (RFC 9457) — or a network failure, with status 0 — in the API's own words. */
export class Problem extends Error {
  constructor(status, code, detail, retryAfterSeconds) {
    super(detail);
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/**
 * Where the API is. By default the page's own origin (the standalone server serves the page);
 * config.json next to the page may name {"apiBase": "https://…", "webSocketUrl": "wss://…"} for
 * a deployment where the page is hosted apart from the API (Lambda behind API Gateway).
 */
export async function loadConfig() {
  let config = {};
  try {
    const answer = await fetch('config.json', { cache: 'no-store', credentials: 'omit' });
    if (answer.ok) config = await answer.json();
  } catch {
    config = {};
  }
  const apiBase = String(config.apiBase || window.location.origin).replace(/\/+$/, '');
  const webSocketUrl = String(config.webSocketUrl || apiBase.replace(/^http/, 'ws') + '/v1/ws');
  return { apiBase, webSocketUrl };
}

/** Seconds from a Retry-After header: a number of seconds or an HTTP date. */
export function retryAfterSeconds(header) {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(1, Math.ceil((at - Date.now()) / 1000));
}

export function createApi(apiBase, token) {
  async function call(method, path, body) {
    const headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const bearer = token();
    if (bearer) headers.Authorization = 'Bearer ' + bearer;
    let answer;
    try {
      answer = await fetch(apiBase + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'omit',
        cache: 'no-store',
        referrerPolicy: 'no-referrer',
      });
    } catch {
      throw new Problem(0, 'network', 'The server cannot be reached. Check the connection and try again.');
    }
    if (answer.status === 204) return null;
    const text = await answer.text();
    let data = null;
    try {
      data = text ? JSON.parse(text) : null;
    } catch {
      data = null;
    }
    if (!answer.ok) {
      throw new Problem(
        answer.status,
        (data && data.code) || 'http_' + answer.status,
        (data && (data.detail || data.title)) || 'The server answered ' + answer.status + '.',
        retryAfterSeconds(answer.headers.get('Retry-After')),
      );
    }
    return data;
  }
  const g = (id) => '/v1/groups/' + encodeURIComponent(id);
  const m = (id, messageId) => g(id) + '/messages/' + encodeURIComponent(messageId);
  return {
    signUp: (handle, password) => call('POST', '/v1/users', { handle, password }),
    signIn: (handle, password) => call('POST', '/v1/sessions', { handle, password }),
    me: () => call('GET', '/v1/me'),
    groups: () => call('GET', '/v1/groups'),
    createGroup: (name, members) => call('POST', '/v1/groups', { name, members }),
    group: (id) => call('GET', g(id)),
    addMember: (id, handle) => call('POST', g(id) + '/members', { handle }),
    removeMember: (id, userId) => call('DELETE', g(id) + '/members/' + encodeURIComponent(userId)),
    post: (id, body, clientMessageId) => call('POST', g(id) + '/messages', { body, clientMessageId }),
    messages: (id, after) =>
      call('GET', g(id) + '/messages' + (after === undefined ? '' : '?after=' + after)),
    unsend: (id, messageId) => call('DELETE', m(id, messageId)),
    reportMessage: (id, messageId) => call('POST', m(id, messageId) + '/reports'),
    muteAuthor: (id, messageId, minutes) => call('POST', m(id, messageId) + '/mute-author', { minutes }),
    createInvite: (id, maxUses, ttlSeconds) => call('POST', g(id) + '/invites', { maxUses, ttlSeconds }),
    invites: (id) => call('GET', g(id) + '/invites'),
    revokeInvite: (id, code) => call('DELETE', g(id) + '/invites/' + encodeURIComponent(code)),
    joinByInvite: (code) => call('POST', '/v1/invites/' + encodeURIComponent(code)),
    presence: (id) => call('GET', g(id) + '/presence'),
  };
}

const WORDS = {
  network: 'The server cannot be reached. Check the connection and try again.',
  invalid_credentials: 'That handle and password do not match an account.',
  unauthenticated: 'Your session has ended. Please sign in again.',
  group_not_found: 'That group does not exist, or you are not in it (any more).',
  not_owner: "Only the group's owner may do that.",
  rate_limited: 'Too many tries in a short time.',
  muted: "The group's owner has muted your posts here for a while.",
  not_author: 'Only the person who wrote a message may unsend it.',
  message_not_found: 'That message is no longer there (a group keeps its 100 newest).',
  invite_not_found:
    'This invite link does not work: it is unknown, expired, revoked or used up. Ask the group\'s owner for a new one.',
  already_member: 'You are already in that group.',
  group_full: 'That group is full: it cannot take another member.',
  invalid_invite: 'An invite link is good for 1–256 uses and from 1 minute to 7 days.',
  invalid_mute: 'A mute lasts from 1 minute to 7 days.',
  unavailable: 'The server is briefly unavailable. Try again in a moment.',
};

/** A problem in words for a person: the API's detail, led by a plain sentence for common codes. */
export function inWords(problem) {
  if (!(problem instanceof Problem)) return 'Something went wrong: ' + String(problem && problem.message || problem);
  const lead = WORDS[problem.code];
  const detail = problem.detail && problem.detail !== lead ? problem.detail : '';
  const text = lead ? (detail ? lead + ' (' + detail + ')' : lead) : detail || problem.code;
  return problem.status ? text + ' [' + problem.status + ' ' + problem.code + ']' : text;
}
