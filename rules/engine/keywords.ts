// Keyword lists, matched as a case-insensitive alternation regex would (the leftmost occurrence;
// at one position, the word listed first), but every list a pack applies to one text shares one
// Aho–Corasick automaton: the text is scanned once per ticket instead of once per rule (a verdict
// asks some 30 keyword questions, mostly of the same content). ASCII letters match either case;
// other characters exactly.

/** The first occurrence of any of the list's words, as written in `text`, or null. */
export type FindKeyword = (text: string) => string | null;

const fold = (code: number) => (code >= 65 && code <= 90 ? code + 32 : code);
const foldWord = (w: string) => w.replace(/[A-Z]/g, (c) => c.toLowerCase());

interface Automaton {
  /**
   * Folded UTF-16 code unit → column, open-addressed: each slot holds unit << 16 | column + 1, and
   * 0 marks the end of a probe. A unit in no word sends the scan back to the root.
   */
  alphabet: Uint32Array;
  /** The root's transition for every column: most characters are read from the root or near it. */
  root: Int32Array;
  /** Other states keep only their trie edges (state s: edges edgeStart[s] to edgeStart[s + 1]) and a failure link. */
  edgeStart: Int32Array;
  edgeColumn: Int32Array;
  edgeTo: Int32Array;
  fail: Int32Array;
  /** Word ids ending at each state, its suffixes' included: endIds from endStart[s] to endStart[s + 1]. */
  endStart: Int32Array;
  endIds: Int32Array;
  /** The lists each word is in, with its rank there: from inListStart[w] to inListStart[w + 1]. */
  inListStart: Int32Array;
  inList: Int32Array;
  inListRank: Int32Array;
}

const MAX_COLUMNS = 0xfffe; // a column + 1 must fit in 16 bits
const slotOf = (unit: number, mask: number) => (Math.imul(unit, 0x9e3779b1) >>> 16) & mask;

function columnOf(alphabet: Uint32Array, unit: number): number {
  const mask = alphabet.length - 1;
  for (let i = slotOf(unit, mask); ; i = (i + 1) & mask) {
    const e = alphabet[i]!;
    if (e === 0) return -1;
    if (e >>> 16 === unit) return (e & 0xffff) - 1;
  }
}

export class KeywordSet {
  private readonly ids = new Map<string, number>();
  private readonly lengths: number[] = [];
  private readonly lists: number[][] = [];
  private automaton: Automaton | null = null;
  // The last text scanned and, for each list, where its answer starts and which word it is. A verdict
  // asks about the same text from many rules, one after another, so every list is answered in the
  // scan, from the few words found, rather than by a walk over the list's words per question.
  // Entries count only when stamped with the current scan, which spares clearing them per text.
  private lastText: string | null = null;
  private scanStamp = 0;
  private wordStamp = new Int32Array(0);
  private listStamp = new Int32Array(0);
  private listAt = new Int32Array(0);
  private listWord = new Int32Array(0);
  private listRank = new Int32Array(0);

  /** Add a list to this set; the automaton is (re)built at the first scan after a new list. */
  list(words: readonly string[]): FindKeyword {
    const l = this.lists.length;
    this.lists.push(words.map((w) => this.id(foldWord(w))));
    this.automaton = null;
    this.lastText = null;
    return (text) => {
      if (text !== this.lastText) this.scan(text); // here, not in scan: most questions are about the text just scanned
      if (this.listStamp[l] !== this.scanStamp) return null;
      const at = this.listAt[l]!;
      return text.slice(at, at + this.lengths[this.listWord[l]!]!);
    };
  }

  private id(word: string): number {
    let id = this.ids.get(word);
    if (id === undefined) {
      this.ids.set(word, (id = this.lengths.length));
      this.lengths.push(word.length);
    }
    return id;
  }

  private scan(text: string): void {
    let a = this.automaton;
    if (a === null) {
      a = this.automaton = build([...this.ids.keys()], this.lists);
      this.wordStamp = new Int32Array(this.lengths.length);
      this.listStamp = new Int32Array(this.lists.length);
      this.listAt = new Int32Array(this.lists.length);
      this.listWord = new Int32Array(this.lists.length);
      this.listRank = new Int32Array(this.lists.length);
      this.scanStamp = 0;
    }
    if (this.scanStamp === 0x7fffffff) {
      this.wordStamp.fill(0);
      this.listStamp.fill(0);
      this.scanStamp = 0;
    }
    const stamp = ++this.scanStamp;
    const { wordStamp, listStamp, listAt, listWord, listRank, lengths } = this;
    const { alphabet, root, edgeStart, edgeColumn, edgeTo, fail, endStart, endIds, inListStart, inList, inListRank } =
      a;
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const col = columnOf(alphabet, fold(text.charCodeAt(i)));
      if (col < 0) {
        state = 0;
        continue;
      }
      for (;;) {
        if (state === 0) {
          state = root[col]!;
          break;
        }
        let to = 0;
        for (let e = edgeStart[state]!; e < edgeStart[state + 1]!; e++) if (edgeColumn[e] === col) to = edgeTo[e]!;
        if (to !== 0) {
          state = to;
          break;
        }
        state = fail[state]!;
      }
      for (let e = endStart[state]!; e < endStart[state + 1]!; e++) {
        const w = endIds[e]!;
        if (wordStamp[w] === stamp) continue; // a later occurrence never starts further left
        wordStamp[w] = stamp;
        const at = i - lengths[w]! + 1;
        // Each list keeps its leftmost word, and at one position the one it lists first.
        for (let x = inListStart[w]!; x < inListStart[w + 1]!; x++) {
          const l = inList[x]!,
            rank = inListRank[x]!;
          if (listStamp[l] !== stamp || at < listAt[l]! || (at === listAt[l] && rank < listRank[l]!)) {
            listStamp[l] = stamp;
            listAt[l] = at;
            listWord[l] = w;
            listRank[l] = rank;
          }
        }
      }
    }
    this.lastText = text;
  }
}

function build(words: string[], lists: readonly number[][]): Automaton {
  const columns = new Map<number, number>();
  const column = (unit: number) => {
    let col = columns.get(unit);
    if (col === undefined) {
      if (columns.size === MAX_COLUMNS)
        throw new Error('keyword lists use more distinct characters than the matcher can index');
      columns.set(unit, (col = columns.size));
    }
    return col;
  };

  // The trie: state 0 is the root; a state's children by column.
  const children: Map<number, number>[] = [new Map()];
  const ends: number[][] = [[]];
  words.forEach((w, id) => {
    let s = 0;
    for (let i = 0; i < w.length; i++) {
      const col = column(w.charCodeAt(i));
      let t = children[s]!.get(col);
      if (t === undefined) {
        children[s]!.set(col, (t = children.length));
        children.push(new Map());
        ends.push([]);
      }
      s = t;
    }
    ends[s]!.push(id);
  });

  // Failure links, breadth first: the longest proper suffix of a state's text that is also in the trie.
  const root = new Int32Array(columns.size);
  const fail = new Int32Array(children.length);
  const queue: number[] = [];
  for (const [col, t] of children[0]!) {
    root[col] = t;
    queue.push(t);
  }
  const step = (s: number, col: number): number => {
    for (; s !== 0; s = fail[s]!) {
      const t = children[s]!.get(col);
      if (t !== undefined) return t;
    }
    return root[col]!;
  };
  for (let q = 0; q < queue.length; q++) {
    const s = queue[q]!;
    for (const [col, t] of children[s]!) {
      fail[t] = step(fail[s]!, col);
      ends[t] = [...ends[t]!, ...ends[fail[t]!]!];
      queue.push(t);
    }
  }

  const edgeStart = new Int32Array(children.length + 1);
  children.forEach((c, s) => (edgeStart[s + 1] = edgeStart[s]! + (s === 0 ? 0 : c.size)));
  const edgeColumn = new Int32Array(edgeStart[children.length]!);
  const edgeTo = new Int32Array(edgeColumn.length);
  children.forEach((c, s) => {
    if (s === 0) return;
    let e = edgeStart[s]!;
    for (const [col, t] of c) {
      edgeColumn[e] = col;
      edgeTo[e++] = t;
    }
  });
  // At most half full, so a probe for an absent unit (the common case) ends within a slot or two.
  let size = 4;
  while (size < columns.size * 2) size *= 2;
  const alphabet = new Uint32Array(size);
  for (const [unit, col] of columns) {
    let i = slotOf(unit, size - 1);
    while (alphabet[i] !== 0) i = (i + 1) & (size - 1);
    alphabet[i] = ((unit << 16) | (col + 1)) >>> 0;
  }

  const endStart = new Int32Array(ends.length + 1);
  ends.forEach((e, s) => (endStart[s + 1] = endStart[s]! + e.length));
  const endIds = Int32Array.from(ends.flat());

  const memberships: [list: number, rank: number][][] = words.map(() => []);
  lists.forEach((ids, l) => ids.forEach((w, rank) => memberships[w]!.push([l, rank])));
  const inListStart = new Int32Array(words.length + 1);
  memberships.forEach((m, w) => (inListStart[w + 1] = inListStart[w]! + m.length));
  const inList = Int32Array.from(memberships.flat(), ([l]) => l);
  const inListRank = Int32Array.from(memberships.flat(), ([, rank]) => rank);
  return { alphabet, root, edgeStart, edgeColumn, edgeTo, fail, endStart, endIds, inListStart, inList, inListRank };
}
