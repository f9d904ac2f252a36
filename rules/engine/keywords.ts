// Keyword lists, matched as a case-insensitive alternation regex would (the leftmost occurrence;
// at one position, the word listed first), but every list a pack applies to one text shares one
// Aho–Corasick automaton: the text is scanned once per ticket instead of once per rule, which
// was the largest part of a verdict. ASCII letters match either case; other characters exactly.

/** The first occurrence of any of the list's words, as written in `text`, or null. */
export type FindKeyword = (text: string) => string | null;

const fold = (code: number) => (code >= 65 && code <= 90 ? code + 32 : code);
const foldWord = (w: string) => w.replace(/[A-Z]/g, (c) => c.toLowerCase());

// Folded UTF-16 code unit → its column + 1 in every automaton's table (0: in no keyword, which
// sends a scan back to the root). One table for the whole process, so a set needs no 128 KB of
// its own: a unit's column is fixed when a set first uses it, and sets built earlier have fewer columns.
const columnOf = new Uint16Array(0x10000);
let columnsUsed = 0;

interface Automaton {
  columns: number;
  /** The full transition table, states × columns (failure links already followed). */
  next: Uint16Array | Uint32Array;
  /** Word ids ending at each state, its suffixes' included. */
  ends: number[][];
}

export class KeywordSet {
  private readonly ids = new Map<string, number>();
  private readonly lengths: number[] = [];
  private automaton: Automaton | null = null;
  // The last text scanned and where each word first occurs in it (-1: nowhere). A verdict asks
  // about the same text from many rules, one after another.
  private lastText: string | null = null;
  private first = new Int32Array(0);

  /** Compile a list into this set; the returned finder may be called once compiling is done. */
  list(words: readonly string[]): FindKeyword {
    const ids = words.map((w) => this.id(foldWord(w)));
    const lengths = this.lengths;
    return (text) => {
      const first = this.scan(text);
      let at = -1, id = -1;
      for (const w of ids) {
        const p = first[w]!;
        if (p >= 0 && (at < 0 || p < at)) (at = p), (id = w);
      }
      return at < 0 ? null : text.slice(at, at + lengths[id]!);
    };
  }

  private id(word: string): number {
    let id = this.ids.get(word);
    if (id === undefined) {
      this.ids.set(word, (id = this.lengths.length));
      this.lengths.push(word.length);
      this.automaton = null;
      this.lastText = null;
    }
    return id;
  }

  private scan(text: string): Int32Array {
    if (text === this.lastText) return this.first;
    const a = (this.automaton ??= build([...this.ids.keys()]));
    if (this.first.length !== this.lengths.length) this.first = new Int32Array(this.lengths.length);
    const first = this.first.fill(-1);
    const { columns, next, ends } = a;
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const col = columnOf[fold(text.charCodeAt(i))]!;
      if (col === 0 || col > columns) {
        state = 0;
        continue;
      }
      state = next[state * columns + col - 1]!;
      for (const w of ends[state]!) if (first[w]! < 0) first[w] = i - this.lengths[w]! + 1;
    }
    this.lastText = text;
    return first;
  }
}

function build(words: string[]): Automaton {
  for (const w of words)
    for (let i = 0; i < w.length; i++) {
      const unit = w.charCodeAt(i);
      if (columnOf[unit] !== 0) continue;
      if (columnsUsed === 0xffff) throw new Error('keyword lists use more distinct characters than the matcher can index');
      columnOf[unit] = ++columnsUsed;
    }
  const columns = columnsUsed;

  // The trie, with -1 for a missing edge.
  const edges: number[][] = [new Array<number>(columns).fill(-1)];
  const ends: number[][] = [[]];
  words.forEach((w, id) => {
    let s = 0;
    for (let i = 0; i < w.length; i++) {
      const col = columnOf[w.charCodeAt(i)]! - 1;
      if (edges[s]![col] === -1) {
        edges[s]![col] = edges.length;
        edges.push(new Array<number>(columns).fill(-1));
        ends.push([]);
      }
      s = edges[s]![col]!;
    }
    ends[s]!.push(id);
  });

  // Breadth first: a missing edge takes the failure state's edge, so the scan never backtracks.
  const fail = new Array<number>(edges.length).fill(0);
  const queue: number[] = [];
  for (let col = 0; col < columns; col++) {
    const t = edges[0]![col]!;
    if (t === -1) edges[0]![col] = 0;
    else queue.push(t);
  }
  for (let q = 0; q < queue.length; q++) {
    const s = queue[q]!;
    ends[s] = [...ends[s]!, ...ends[fail[s]!]!];
    for (let col = 0; col < columns; col++) {
      const t = edges[s]![col]!;
      if (t === -1) edges[s]![col] = edges[fail[s]!]![col]!;
      else {
        fail[t] = edges[fail[s]!]![col]!;
        queue.push(t);
      }
    }
  }

  const next = edges.length <= 0xffff ? new Uint16Array(edges.length * columns) : new Uint32Array(edges.length * columns);
  edges.forEach((row, s) => next.set(row, s * columns));
  return { columns, next, ends };
}
