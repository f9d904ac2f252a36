import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { packs } from '@/rules/packs';
import {
  casesFromLabels,
  csvRecords,
  decodeBytes,
  guessColumns,
  importRows,
  jsonLineRecords,
  parseCsv,
  textHash,
  type ColumnMap,
} from '@/utils/db/labelled-import';

const pack = packs['china-telecom']!;
const utf8 = (s: string) => new TextEncoder().encode(s);
const withBom = (s: string) => new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(s)]);
const gbk = (s: string) => new Uint8Array(iconv.encode(s, 'gbk'));
const utf16 = (s: string) => new Uint8Array([0xff, 0xfe, ...iconv.encode(s, 'utf16le')]);

const CSV = '标题,投诉内容,服务请求类别\r\n宽带断网,"家里宽带三天没网，师傅没来","服务请求->投诉单->装维服务类"\r\n';

describe('decodeBytes', () => {
  it.each([
    ['UTF-8 with BOM', withBom(CSV), 'utf-8'],
    ['UTF-8 without BOM', utf8(CSV), 'utf-8'],
    ['GBK, as Excel on a Chinese Windows saves it', gbk(CSV), 'gbk'],
    ['UTF-16 with BOM (Excel "Unicode text")', utf16(CSV), 'utf-16le'],
  ] as const)('%s', (_name, bytes, encoding) => {
    const r = decodeBytes(bytes);
    expect(r.encoding).toBe(encoding);
    expect(r.text).toBe(CSV); // the BOM is gone
  });

  it('reads GBK that is not valid UTF-8 even when it is mostly ASCII', () => {
    expect(decodeBytes(gbk('title,text\r\nA,网速慢\r\n'))).toEqual({
      text: 'title,text\r\nA,网速慢\r\n',
      encoding: 'gbk',
    });
  });
});

describe('parseCsv', () => {
  it.each([
    [
      'plain, CRLF',
      'a,b\r\nc,d\r\n',
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
    ],
    [
      'LF and no final newline',
      'a,b\nc,d',
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
    ],
    [
      'old Mac CR',
      'a,b\rc,d\r',
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
    ],
    ['quoted comma', '"a,1",b\r\n', [['a,1', 'b']]],
    ['quoted CRLF and LF inside a cell', '"line1\r\nline2\nline3",x\r\n', [['line1\r\nline2\nline3', 'x']]],
    ['doubled quotes', '"他说""不用了""",y\r\n', [['他说"不用了"', 'y']]],
    ['a quote inside an unquoted cell is kept', 'a"b,c\r\n', [['a"b', 'c']]],
    ['empty cells and a trailing empty cell', ',a,,\r\n', [['', 'a', '', '']]],
    ['empty quoted cell', '"",b\r\n', [['', 'b']]],
    ['a blank line is a row of one empty cell', 'a\r\n\r\nb\r\n', [['a'], [''], ['b']]],
    ['unterminated quote runs to the end', '"abc\r\ndef', [['abc\r\ndef']]],
    ['BOM dropped', '\uFEFF标题,内容\r\n', [['标题', '内容']]],
    [
      'tabs when the first line has more tabs than commas',
      '标题\t内容\r\n甲,乙\t丙\r\n',
      [
        ['标题', '内容'],
        ['甲,乙', '丙'],
      ],
    ],
    [
      'Chinese full text',
      CSV,
      [
        ['标题', '投诉内容', '服务请求类别'],
        ['宽带断网', '家里宽带三天没网，师傅没来', '服务请求->投诉单->装维服务类'],
      ],
    ],
    ['empty input', '', []],
  ])('%s', (_name, text, rows) => {
    expect(parseCsv(text)).toEqual({ rows, truncated: false });
  });

  it('stops at maxRows and says more followed', () => {
    expect(parseCsv('h\r\n1\r\n2\r\n3\r\n', { maxRows: 3 })).toEqual({ rows: [['h'], ['1'], ['2']], truncated: true });
    expect(parseCsv('h\r\n1\r\n2\r\n', { maxRows: 3 })).toEqual({ rows: [['h'], ['1'], ['2']], truncated: false });
    expect(parseCsv('h\r\n1\r\n2', { maxRows: 3 })).toEqual({ rows: [['h'], ['1'], ['2']], truncated: false });
    expect(parseCsv('h\r\n1\r\n2\r\n\r\n', { maxRows: 3 }).truncated).toBe(false);
  });
});

describe('guessColumns', () => {
  const none: ColumnMap = {
    title: null,
    text: null,
    business: null,
    categoryPath: null,
    label: null,
    handlingLine: null,
  };
  it.each([
    [
      'the CRM export',
      ['工单编号', '标题', '投诉内容', '业务', '服务请求类别', '处理条线'],
      { title: 1, text: 2, business: 3, categoryPath: 4, handlingLine: 5 },
    ],
    ['受理内容, 分类, 处理部门', ['受理内容', '分类', '处理部门'], { text: 0, label: 1, handlingLine: 2 }],
    ['内容 and 分类路径 beside 分类', ['分类路径', '分类', '内容'], { categoryPath: 0, label: 1, text: 2 }],
    [
      'English, any case and spacing',
      ['Title', 'TEXT', 'Category Path', 'label', 'handling_line', 'Business'],
      { title: 0, text: 1, categoryPath: 2, label: 3, handlingLine: 4, business: 5 },
    ],
    [
      'parts of longer names',
      ['工单标题(必填)', '客户投诉内容摘要', '投诉分类路径', '最终类别', '责任条线', '业务类型'],
      { title: 0, text: 1, categoryPath: 2, label: 3, handlingLine: 4, business: 5 },
    ],
    ['a BOM and spaces around a name', ['\uFEFF 标题 ', ' 内容'], { title: 0, text: 1 }],
    ['nothing known', ['受理时间', '客户级别'], {}],
  ] as const)('%s', (_name, header, expected) => {
    expect(guessColumns(header)).toEqual({ ...none, ...expected });
  });
});

describe('records and label rows', () => {
  const cols: ColumnMap = { title: 0, text: 1, business: null, categoryPath: 2, label: 3, handlingLine: 4 };

  it('reads rows by the chosen columns, counting blank rows and every skip by reason', () => {
    const rows = [
      ['宽带断网', '家里宽带三天没网', '服务请求->投诉单->装维服务类', '', '网运条线'],
      ['', '', '', '', ''],
      ['', '', '服务请求->投诉单->装维服务类', '', ''],
      ['话费', '多扣了钱', '', '', ''],
      ['话费', '多扣了钱', '', '不存在的类', ''],
      ['话费', '多扣了钱', '服务请求->咨询单->其他', '', ''],
      ['充值', '充值没到账', '', '充值缴费类', '不知道的部门'],
      ['充值', '充值没到账', '', 'top-up', ''],
    ];
    const { records, skipped } = csvRecords(rows, cols);
    expect(skipped).toEqual({ blank: 1 });
    expect(records).toHaveLength(7);
    expect(records[0]).toEqual({
      title: '宽带断网',
      text: '家里宽带三天没网',
      categoryPath: '服务请求->投诉单->装维服务类',
      label: '',
      handlingLine: '网运条线',
    });
    const r = importRows(records, pack, 1000);
    expect(r.skipped).toEqual({ text: 1, class: 1, label: 1, path: 1 });
    expect(r.lineUnknown).toBe(1);
    expect(r.rows.map((x) => [x.classCode, x.line, x.source, x.at])).toEqual([
      ['install-repair', '网运', 'import', 1000],
      ['top-up', undefined, 'import', 1000],
      ['top-up', undefined, 'import', 1000],
    ]);
    expect(r.rows[0]!.text).toBe('宽带断网 家里宽带三天没网');
    // The same words twice in one file are two examples; the same file again gives the same keys.
    const [, a, b] = r.rows.map((x) => x.key);
    expect(a).toBe(`import:${textHash('充值 充值没到账')}:0`);
    expect(b).toBe(`import:${textHash('充值 充值没到账')}:1`);
    expect(importRows(records, pack, 2000).rows.map((x) => x.key)).toEqual(r.rows.map((x) => x.key));
  });

  it('reads JSON Lines, counting lines that are not JSON and stopping at the cap', () => {
    const text = '\uFEFF{"text":"网速慢","label":"网络质量类"}\r\n\r\nnot json\n[1]\n{"text":"x","label":"y"}\n';
    const r = jsonLineRecords(text);
    expect(r).toEqual({
      records: [{ text: '网速慢', label: '网络质量类' }, [1], { text: 'x', label: 'y' }],
      skipped: { json: 1 },
      truncated: false,
    });
    expect(importRows(r.records, pack, 0).skipped).toEqual({ shape: 1, label: 1 });
    expect(jsonLineRecords('{}\n{}\n{}\n', 2)).toMatchObject({ truncated: true, records: [{}, {}] });
  });

  it('turns stored labels into cross-validation cases, leaving out classes the pack lacks', () => {
    const cases = casesFromLabels(
      [
        { key: 'a', text: '网速慢', classCode: 'network-quality', line: '网运', source: 'crm', at: 1 },
        { key: 'b', text: '旧类', classCode: 'gone', source: 'agent', at: 2 },
        { key: 'c', text: '充值', classCode: 'top-up', line: '没有的条线', source: 'import', at: 3 },
      ],
      pack,
    );
    expect(cases.map((c) => [c.ticket, c.example.classIndex, c.example.lineIndex === null])).toEqual([
      [{ text: '网速慢' }, pack.classes.findIndex((c) => c.code === 'network-quality'), false],
      [{ text: '充值' }, 0, true],
    ]);
  });
});
