import { describe, expect, it } from 'vitest';
import { TabWriter, describeTabWriter, escapeTerminal, getTabWriter, tableCell, type TabWriterOptions } from './tabwriter';

/** Formats `src` written at once, one character at a time, and in growing slices (as Go's test does). */
function formatAllWays(options: TabWriterOptions, src: string): string[] {
  const results: string[] = [];
  const whole = new TabWriter(options);
  whole.write(src);
  results.push(whole.flush());

  const byChar = new TabWriter(options);
  for (const ch of src) byChar.write(ch);
  results.push(byChar.flush());

  const slices = new TabWriter(options);
  for (let i = 0, d = 0; i < src.length; ) {
    slices.write(src.slice(i, i + d));
    i += d;
    d++;
    if (i + d > src.length) d = src.length - i;
  }
  results.push(slices.flush());
  return results;
}

function opts(minwidth: number, tabwidth: number, padding: number, padchar: string, flags: TabWriterOptions['flags'] = {}): TabWriterOptions {
  return { minwidth, tabwidth, padding, padchar, flags };
}

// The cases below restate the behaviours pinned by Go's text/tabwriter tests (and liggitt's fork),
// with '.' or '-' as padding so that the padding is visible.
const cases: Array<[string, TabWriterOptions, string, string]> = [
  ['empty input prints nothing', opts(8, 0, 1, '.'), '', ''],
  ['empty lines pass through', opts(8, 0, 1, '.'), '\n\n\n', '\n\n\n'],
  ['lines without tabs pass through', opts(8, 0, 1, '.'), 'a\nb\nc', 'a\nb\nc'],
  ['a lone tab on the last line prints nothing', opts(8, 0, 1, '.'), '\t', ''],
  ['a lone tab prints nothing when right-aligned either', opts(8, 0, 1, '.', { alignRight: true }), '\t', ''],
  ['a cell is padded to the minimum width', opts(8, 0, 1, '.'), '*\t*', '*.......*'],
  ['a terminated line keeps its newline', opts(8, 0, 1, '.'), '*\t*\n', '*.......*\n'],
  ['a trailing tab-terminated cell on the last line is not padded', opts(8, 0, 1, '.'), '*\t*\t', '*.......*'],
  ['debug mode marks column boundaries with a bar', opts(8, 0, 1, '.', { debug: true }), '*\t*\t', '*.......|*'],
  ['right alignment pads before the text', opts(8, 0, 1, '.', { alignRight: true }), '*\t*\t', '.......**'],
  ['an empty cell followed by a newline is padded', opts(8, 0, 1, '.'), '\t\n', '........\n'],
  ['text without tabs is not a column', opts(8, 0, 1, '.'), 'a) foo', 'a) foo'],
  ['a space padchar separates two cells', opts(8, 0, 1, ' '), 'b) foo\tbar', 'b) foo  bar'],
  ['the text after the last tab is never padded', opts(8, 0, 1, '.'), 'c) foo\tbar\t', 'c) foo..bar'],
  ['a newline after the trailing text ends the line', opts(8, 0, 1, '.'), 'd) foo\tbar\n', 'd) foo..bar\n'],
  ['a tab-terminated cell before a newline is padded', opts(8, 0, 1, '.'), 'e) foo\tbar\t\n', 'e) foo..bar.....\n'],
  [
    'HTML tags have no width and entities count as one character',
    opts(8, 0, 1, '.', { filterHTML: true }),
    'f) f&lt;o\t<b>bar</b>\t\n',
    'f) f&lt;o..<b>bar</b>.....\n',
  ],
  [
    'an unterminated entity is kept as written',
    opts(8, 0, 1, '.', { filterHTML: true }),
    'g) f&lt;o\t<b>bar</b>\t non-terminated entity &amp',
    'g) f&lt;o..<b>bar</b>..... non-terminated entity &amp',
  ],
  [
    'debug bars are written around HTML-filtered cells too',
    opts(8, 0, 1, '.', { filterHTML: true, debug: true }),
    'g) f&lt;o\t<b>bar</b>\t non-terminated entity &amp',
    'g) f&lt;o..|<b>bar</b>.....| non-terminated entity &amp',
  ],
  ['a padchar that never pads leaves text alone', opts(8, 0, 1, '*'), 'Hello, world!\n', 'Hello, world!\n'],
  ['widths grow to the widest cell of the column', opts(1, 0, 0, '.'), '1\t2\t3\t4\n11\t222\t3333\t44444\n', '1.2..3...4\n11222333344444\n'],
  [
    'a form feed inside an HTML tag is not a line break',
    opts(1, 0, 0, '.', { filterHTML: true }),
    '1\t2<!---\f--->\t3\t4\n11\t222\t3333\t44444\n',
    '1.2<!---\f--->..3...4\n11222333344444\n',
  ],
  [
    'a form feed ends the line and flushes, so the next lines align on their own',
    opts(1, 0, 0, '.'),
    '1\t2\t3\t4\f11\t222\t3333\t44444\n',
    '1234\n11222333344444\n',
  ],
  [
    'debug mode marks a form-feed flush with a rule',
    opts(1, 0, 0, '.', { debug: true }),
    '1\t2\t3\t4\f11\t222\t3333\t44444\n',
    '1|2|3|4\n---\n11|222|3333|44444\n',
  ],
  ['the minimum width applies to every column', opts(5, 0, 0, '.'), '1\t2\t3\t4\n', '1....2....3....4\n'],
  ['the minimum width applies to a trailing terminated cell', opts(5, 0, 0, '.'), '1\t2\t3\t4\t\n', '1....2....3....4....\n'],
  [
    'widths count code points, not bytes',
    opts(8, 0, 1, '.'),
    '本\tb\tc\naa\t本本本\tcccc\tddddd\naaa\tbbbb\n',
    '本.......b.......c\naa......本本本.....cccc....ddddd\naaa.....bbbb\n',
  ],
  [
    'right alignment works with multi-byte characters',
    opts(8, 0, 1, ' ', { alignRight: true }),
    'a\tè\tc\t\naa\tèèè\tcccc\tddddd\t\naaa\tèèèè\t\n',
    '       a       è       c\n      aa     èèè    cccc   ddddd\n     aaa    èèèè\n',
  ],
  [
    'zero padding lets cells touch once they exceed the minimum width',
    opts(2, 0, 0, ' '),
    'a\tb\tc\naa\tbbb\tcccc\naaa\tbbbb\n',
    'a  b  c\naa bbbcccc\naaabbbb\n',
  ],
  [
    'any padchar can be used',
    opts(8, 0, 1, '_'),
    'a\tb\tc\naa\tbbb\tcccc\naaa\tbbbb\n',
    'a_______b_______c\naa______bbb_____cccc\naaa_____bbbb\n',
  ],
  [
    'a column block ends at the first line without a cell in that column',
    opts(4, 0, 1, '-'),
    '4444\t日本語\t22\t1\t333\n999999999\t22\n7\t22\n\t\t\t88888888\n\n666666\t666666\t666666\t4444\n1\t1\t999999999\t0000000000\n',
    '4444------日本語-22--1---333\n999999999-22\n7---------22\n------------------88888888\n\n666666-666666-666666----4444\n1------1------999999999-0000000000\n',
  ],
  [
    'padding is added to the widest cell of each block',
    opts(4, 0, 3, '.'),
    '4444\t333\t22\t1\t333\n999999999\t22\n7\t22\n\t\t\t88888888\n\n666666\t666666\t666666\t4444\n1\t1\t999999999\t0000000000\n',
    '4444........333...22...1...333\n999999999...22\n7...........22\n....................88888888\n\n666666...666666...666666......4444\n1........1........999999999...0000000000\n',
  ],
  [
    'tab padding rounds cell widths up to tab stops',
    opts(8, 8, 1, '\t', { filterHTML: true }),
    '4444\t333\t22\t1\t333\n999999999\t22\n7\t22\n\t\t\t88888888\n\n666666\t666666\t666666\t4444\n1\t1\t<font color=red attr=日本語>999999999</font>\t0000000000\n',
    '4444\t\t333\t22\t1\t333\n999999999\t22\n7\t\t22\n\t\t\t\t88888888\n\n666666\t666666\t666666\t\t4444\n1\t1\t<font color=red attr=日本語>999999999</font>\t0000000000\n',
  ],
  [
    'right alignment lines up numbers',
    opts(1, 0, 2, ' ', { alignRight: true }),
    '.0\t.3\t2.4\t-5.1\t\n23.0\t12345678.9\t2.4\t-989.4\t\n5.1\t12.0\t2.4\t-7.0\t\n.0\t0.0\t332.0\t8908.0\t\n.0\t-.3\t456.4\t22.1\t\n.0\t1.2\t44.4\t-13.3\t\t',
    '    .0          .3    2.4    -5.1\n  23.0  12345678.9    2.4  -989.4\n   5.1        12.0    2.4    -7.0\n    .0         0.0  332.0  8908.0\n    .0         -.3  456.4    22.1\n    .0         1.2   44.4   -13.3',
  ],
  [
    'right alignment with debug bars',
    opts(1, 0, 2, ' ', { alignRight: true, debug: true }),
    '.0\t.3\t2.4\t-5.1\t\n23.0\t12345678.9\t2.4\t-989.4\t\n5.1\t12.0\t2.4\t-7.0\t\n.0\t0.0\t332.0\t8908.0\t\n.0\t-.3\t456.4\t22.1\t\n.0\t1.2\t44.4\t-13.3\t\t',
    '    .0|          .3|    2.4|    -5.1|\n  23.0|  12345678.9|    2.4|  -989.4|\n   5.1|        12.0|    2.4|    -7.0|\n    .0|         0.0|  332.0|  8908.0|\n    .0|         -.3|  456.4|    22.1|\n    .0|         1.2|   44.4|   -13.3|',
  ],
  ['an empty column between hard tabs keeps its minimum width', opts(4, 0, 0, '.'), 'a\t\tb', 'a.......b'],
  ['empty hard-tab columns are never discarded', opts(4, 0, 0, '.', { discardEmptyColumns: true }), 'a\t\tb', 'a.......b'],
  ['empty soft-tab columns are discarded on request', opts(4, 0, 0, '.', { discardEmptyColumns: true }), 'a\v\vb', 'a...b'],
  ['discarded columns also vanish when right-aligned', opts(4, 0, 0, '.', { alignRight: true, discardEmptyColumns: true }), 'a\v\vb', '...ab'],
  [
    'tab padding with wide tab stops writes one tab per cell',
    opts(100, 100, 0, '\t'),
    'a\tb\t\td\na\tb\t\td\te\na\na\tb\tc\td\na\tb\tc\td\te\n',
    'a\tb\t\td\na\tb\t\td\te\na\na\tb\tc\td\na\tb\tc\td\te\n',
  ],
  [
    'soft tabs around an empty column are dropped with tab padding',
    opts(100, 100, 0, '\t', { discardEmptyColumns: true }),
    'a\vb\v\vd\na\vb\v\vd\ve\na\na\vb\vc\vd\na\vb\vc\vd\ve\n',
    'a\tb\td\na\tb\td\te\na\na\tb\tc\td\na\tb\tc\td\te\n',
  ],
  [
    'discarded columns print as empty bars in debug mode',
    opts(100, 100, 0, '\t', { discardEmptyColumns: true, debug: true }),
    'a\vb\v\vd\na\vb\v\vd\ve\na\na\vb\vc\vd\na\vb\vc\vd\ve\n',
    'a\t|b\t||d\na\t|b\t||d\t|e\na\na\t|b\t|c\t|d\na\t|b\t|c\t|d\t|e\n',
  ],
  [
    'hard-tab empty columns stay in debug mode',
    opts(100, 100, 0, '\t', { discardEmptyColumns: true, debug: true }),
    'a\tb\t\td\na\tb\t\td\te\na\na\tb\tc\td\na\tb\tc\td\te\n',
    'a\t|b\t|\t|d\na\t|b\t|\t|d\t|e\na\na\t|b\t|c\t|d\na\t|b\t|c\t|d\t|e\n',
  ],
];

describe('TabWriter follows Go text/tabwriter', () => {
  for (const [name, options, src, expected] of cases) {
    it(name, () => {
      for (const result of formatAllWays(options, src)) expect(result).toBe(expected);
    });
  }

  it('a surrogate pair counts as one character of width', () => {
    const w = new TabWriter(opts(0, 0, 1, '.'));
    w.write('😀\tx\nab\ty\n');
    expect(w.flush()).toBe('😀..x\nab.y\n');
  });

  it('output produced by an automatic flush is returned by the next flush', () => {
    const w = new TabWriter(opts(0, 0, 1, '.'));
    w.write('a\tb\nsingle cell line\nc\td');
    expect(w.flush()).toBe('a.b\nsingle cell line\nc.d');
    expect(w.flush()).toBe('');
  });

  it('rejects negative sizes and multi-character padchars', () => {
    expect(() => new TabWriter(opts(-1, 0, 0, ' '))).toThrow('negative minwidth, tabwidth, or padding');
    expect(() => new TabWriter(opts(0, 0, 0, '..'))).toThrow();
  });
});

describe('TabWriter remembers column widths across flushes (liggitt/tabwriter)', () => {
  it('widths only grow until they are reset, and can be transferred', () => {
    const w = new TabWriter(opts(6, 4, 3, ' ', { rememberWidths: true }));
    w.write('First\tMiddle\tLast\n');
    w.write('a\tbb\tccc\n');
    w.write('ddd\teeeeeeeeeeeeee\tf\n');
    expect(w.flush()).toBe('First   Middle           Last\na       bb               ccc\nddd     eeeeeeeeeeeeee   f\n');

    w.write('g\th\ti\n');
    expect(w.flush()).toBe('g       h                i\n');

    w.write('j\t\t\n');
    expect(w.flush()).toBe('j                        \n');
    w.write('\tk\t\n');
    expect(w.flush()).toBe('        k                \n');
    w.write('\t\tl\n');
    expect(w.flush()).toBe('                         l\n');

    w.write('mmmmmmmmmmmmmmm\tnnn\tooo\n');
    expect(w.flush()).toBe('mmmmmmmmmmmmmmm   nnn              ooo\n');

    const next = new TabWriter(opts(6, 4, 3, ' ', { rememberWidths: true })).setRememberedWidths(w.rememberedWidths());
    next.write('p\tq\tr\n');
    expect(next.flush()).toBe('p                 q                r\n');
    expect(next.rememberedWidths()).toEqual([18, 17]);

    next.setRememberedWidths(null);
    next.write('sssss\tt\tu\n');
    expect(next.flush()).toBe('sssss   t     u\n');
    expect(next.rememberedWidths()).toEqual([8, 6]);

    next.setRememberedWidths([10, 5, 5]);
    next.write('v\tw\tx\n');
    expect(next.flush()).toBe('v         w     x\n');
  });

  it('without RememberWidths every flush aligns on its own', () => {
    const w = new TabWriter(opts(6, 4, 3, ' '));
    w.write('longer-name\tx\n');
    expect(w.flush()).toBe('longer-name   x\n');
    w.write('a\ty\n');
    expect(w.flush()).toBe('a     y\n');
  });
});

describe('kubectl presets', () => {
  it('get prints NAME as the longest name plus three spaces, and at least six columns wide', () => {
    const w = getTabWriter();
    w.write('NAME\tREADY\tSTATUS\tRESTARTS\tAGE\n');
    w.write('dnsutils\t1/1\tRunning\t0\t5s\n');
    expect(w.flush()).toBe('NAME       READY   STATUS    RESTARTS   AGE\ndnsutils   1/1     Running   0          5s\n');

    const short = getTabWriter();
    short.write('NAME\tAGE\nabc\t1s\n');
    expect(short.flush()).toBe('NAME   AGE\nabc    1s\n');
  });

  it('get all prints one aligned table per resource type separated by a blank line', () => {
    // The shape verified against kubectl 1.32 (kube-protocol.md §2.2): flush, forget the widths and
    // write one blank line whenever the resource type changes.
    const w = getTabWriter();
    let out = '';
    const tables = [
      ['NAME\tREADY\tSTATUS\tRESTARTS\tAGE', 'pod/nginx\t1/1\tRunning\t0\t3s', 'pod/web-28bdbdbd4b-78gmd\t1/1\tRunning\t0\t3s'],
      ['NAME\tTYPE\tCLUSTER-IP\tEXTERNAL-IP\tPORT(S)\tAGE', 'service/kubernetes\tClusterIP\t10.96.0.1\t<none>\t443/TCP\t5s'],
      ['NAME\tREADY\tUP-TO-DATE\tAVAILABLE\tAGE', 'deployment.apps/web\t2/2\t2\t2\t3s'],
      ['NAME\tDESIRED\tCURRENT\tREADY\tAGE', 'replicaset.apps/web-28bdbdbd4b\t2\t2\t2\t3s'],
    ];
    tables.forEach((rows, i) => {
      out += w.flush();
      w.setRememberedWidths(null);
      if (i > 0) w.write('\n');
      for (const row of rows) w.write(`${row}\n`);
    });
    out += w.flush();
    expect(out).toBe(
      [
        'NAME                       READY   STATUS    RESTARTS   AGE',
        'pod/nginx                  1/1     Running   0          3s',
        'pod/web-28bdbdbd4b-78gmd   1/1     Running   0          3s',
        '',
        'NAME                 TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE',
        'service/kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   5s',
        '',
        'NAME                  READY   UP-TO-DATE   AVAILABLE   AGE',
        'deployment.apps/web   2/2     2            2           3s',
        '',
        'NAME                             DESIRED   CURRENT   READY   AGE',
        'replicaset.apps/web-28bdbdbd4b   2         2         2       3s',
      ].join('\n') + '\n',
    );
  });

  it('get -w keeps earlier column widths for later rows', () => {
    const w = getTabWriter();
    w.write('NAME\tREADY\tSTATUS\tRESTARTS\tAGE\nweb-1\t0/1\tPending\t0\t0s\n');
    expect(w.flush()).toBe('NAME    READY   STATUS    RESTARTS   AGE\nweb-1   0/1     Pending   0          0s\n');
    w.write('web-1\t0/1\tContainerCreating\t0\t0s\n');
    expect(w.flush()).toBe('web-1   0/1     ContainerCreating   0          0s\n');
    w.write('web-1\t1/1\tRunning\t0\t2s\n');
    expect(w.flush()).toBe('web-1   1/1     Running             0          2s\n');
  });

  it('describe aligns each section independently and keeps trailing spaces inside cells', () => {
    const w = describeTabWriter();
    w.write('Name:\tnginx\nNamespace:\tdefault\nService Account:\tdefault\n');
    w.write('Containers:\n  nginx:\n    Image:\tnginx:1.27\n    Restart Count:\t0\n');
    w.write('Conditions:\n  Type\tStatus\n  Initialized \tTrue \n  PodScheduled \tTrue \n');
    expect(w.flush()).toBe(
      [
        'Name:             nginx',
        'Namespace:        default',
        'Service Account:  default',
        'Containers:',
        '  nginx:',
        '    Image:          nginx:1.27',
        '    Restart Count:  0',
        'Conditions:',
        '  Type           Status',
        '  Initialized    True ',
        '  PodScheduled   True ',
      ].join('\n') + '\n',
    );
  });
});

describe('terminal escaping and table cells (cli-runtime printers)', () => {
  it('escapeTerminal shows ESC as ^[ and CR as \\r', () => {
    expect(escapeTerminal('\x1b[31mred\x1b[0m\r')).toBe('^[[31mred^[[0m\\r');
    expect(escapeTerminal('plain text')).toBe('plain text');
  });

  it('a table cell is cut at the first line break and marked with ...', () => {
    expect(tableCell('first line\nsecond line')).toBe('first line...');
    expect(tableCell('carriage\rreturn')).toBe('carriage...');
    expect(tableCell('form\ffeed\nline')).toBe('form...');
    expect(tableCell('\nleading')).toBe('...');
    expect(tableCell('esc \x1b kept')).toBe('esc ^[ kept');
    expect(tableCell('no breaks')).toBe('no breaks');
  });
});
