/* Who may send the background what, and in what shape: the one gate every runtime message passes.
 *
 * Senders are told apart by what the browser says about them (never by what the message claims):
 *   extension  one of Chaff's own pages (options, popup): `sender.url` is under the extension's origin
 *   content    Chaff's content script in a tab: `sender.tab`, from our own extension id
 * Web pages cannot reach runtime.onMessage at all (no externally_connectable); a content script is the
 * part a hostile page can get closest to, so it may only ask for analysis, report a failure, and pass on
 * what the reader picked with the element picker (a suggestion to show, never a saved rule).
 */

/** Message type → the sender kinds allowed and a shape check returning a problem or null. */
export const POLICY = {
  analyze: { from: ['content', 'extension'], shape: (m) => snapshotProblem(m.snapshot) },
  failed: { from: ['content'], shape: (m) => (m.error === undefined || typeof m.error === 'string' ? null : 'error must be text') },
  // The element picker: a rule is only suggested (no state changes) or shown to the reader in the
  // options page, who saves it there; neither lets a page change what Chaff does.
  suggestRule: { from: ['content'], shape: (m) => (typeof m.host === 'string' && Array.isArray(m.path) && m.path.length <= MAX_PATH ? null : 'host and path expected') },
  reviewRule: { from: ['content'], shape: (m) => (typeof m.rule === 'string' && m.rule.length <= MAX_RULE_CHARS && !m.rule.includes('\n') ? null : 'one rule line expected') },
  setSiteRules: { from: ['extension'], shape: (m) => (typeof m.text === 'string' && m.text.length <= MAX_RULES_CHARS ? null : 'the rules must be text') },
  engineState: { from: ['extension'], shape: () => null },
  trapNextAnalysis: { from: ['extension'], shape: (m) => (typeof m.url === 'string' ? null : 'url must be text') },
};

/** Far beyond any reader's list; storage's own quota (10 MB in Chromium) refuses sooner. */
const MAX_RULES_CHARS = 32 * 1024 * 1024;
const MAX_URL_CHARS = 8192;
/** The picker sends at most 32 ancestors; one picked rule is one short line. */
const MAX_PATH = 64;
const MAX_RULE_CHARS = 2048;

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The snapshot's outer shape; the engine checks the rest and answers "not a page snapshot". */
function snapshotProblem(s) {
  if (!isObject(s)) return 'not a page snapshot: not an object';
  if (typeof s.url !== 'string' || s.url.length > MAX_URL_CHARS) return 'not a page snapshot: bad url';
  if (!Array.isArray(s.nodes) && !isObject(s.root)) return 'not a page snapshot: no nodes';
  return null;
}

/** 'extension', 'content', or null for a sender we do not serve. */
export function senderKind(sender, self) {
  if (!isObject(sender) || sender.id !== self.id) return null;
  if (typeof sender.url === 'string' && sender.url.startsWith(self.origin)) return 'extension';
  if (isObject(sender.tab) && typeof sender.tab.id === 'number') return 'content';
  return null;
}

/**
 * Checks one message. `self` is `{id, origin}`: our extension id and the origin of our pages.
 * @returns {{ok: true, kind: string} | {ok: false, error: string | null}} error null: not for us, stay silent
 */
export function check(msg, sender, self) {
  if (!isObject(msg) || typeof msg.type !== 'string' || !Object.hasOwn(POLICY, msg.type)) return { ok: false, error: null };
  const policy = POLICY[msg.type];
  const kind = senderKind(sender, self);
  if (!kind || !policy.from.includes(kind)) return { ok: false, error: `${msg.type} is not accepted from this sender` };
  const problem = policy.shape(msg);
  if (problem) return { ok: false, error: problem };
  return { ok: true, kind };
}
