// Where each label text sits in a document. Label locators need every occurrence of their
// label; walking a 5,000-row page once per field would be slow, so one walk per document and
// read collects the text nodes of all labels the adapter asks for, skipping any text whose
// first character no wanted label starts with before normalising it. Where the adapter names
// a ticket root, the walk stays inside it: a big history table elsewhere costs nothing.

const ELEMENT = 1;
const TEXT = 3;
// Text in these is never a visible label (options would otherwise look like one).
const NOT_LABELS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SELECT', 'TEXTAREA', 'OPTION', 'HEAD']);
const COLONS = ':：﹕';

/** Labels compare without whitespace and colons: `客户级别 ：` equals `客户级别`. */
export function labelKey(text: string | null | undefined): string {
  return (text ?? '').replace(/[\s:：﹕]+/g, '');
}

export type LabelIndex = (doc: Document, key: string) => readonly Text[];

/** `scope` gives the element to walk in a document (default: the whole document). */
export function createLabelIndex(
  labels: Iterable<string>,
  scope: (doc: Document) => Node | null = () => null,
): LabelIndex {
  const wanted = new Set([...labels].map(labelKey).filter(Boolean));
  const firstChars = new Set([...wanted].map((key) => key[0] as string).concat([...COLONS]));
  const byDoc = new Map<Document, Map<string, Text[]>>();
  return (doc, key) => {
    let index = byDoc.get(doc);
    if (!index) {
      index = build(scope(doc) ?? doc.documentElement, wanted, firstChars);
      byDoc.set(doc, index);
    }
    return index.get(key) ?? [];
  };
}

function build(root: Node | null, wanted: Set<string>, firstChars: Set<string>): Map<string, Text[]> {
  const index = new Map<string, Text[]>();
  // Iterative walk: garbage pages can nest deeper than the call stack allows.
  let node: Node | null = root;
  while (node) {
    if (node.nodeType === TEXT) {
      const raw = node.nodeValue ?? '';
      if (firstChars.has(raw.trimStart()[0] ?? '')) {
        const key = labelKey(raw);
        if (wanted.has(key)) {
          const list = index.get(key);
          if (list) list.push(node as Text);
          else index.set(key, [node as Text]);
        }
      }
    }
    const descend = node.nodeType === ELEMENT && !NOT_LABELS.has((node as Element).tagName.toUpperCase());
    node = nextInWalk(node, root!, descend);
  }
  return index;
}

function nextInWalk(node: Node, root: Node, descend: boolean): Node | null {
  if (descend && node.firstChild) return node.firstChild;
  for (let at: Node | null = node; at && at !== root; at = at.parentNode) {
    if (at.nextSibling) return at.nextSibling;
  }
  return null;
}
