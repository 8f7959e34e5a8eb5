import chardet from 'chardet';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decideEncoding, decodeText } from './decode';
import { readTable } from './read-table';

const TEXT = '姓名,性别,出生日期,地址\n张三,男,1990-01-02,北京市朝阳区\n李四,女,1985-03-05,广州市天河区\n';

async function decodeAll(bytes: Buffer, chunk = 5): Promise<{ text: string; encoding: string | undefined }> {
  async function* chunks() {
    for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
  }
  const decoded = decodeText(chunks());
  let text = '';
  for await (const part of decoded) text += part;
  return { text, encoding: decoded.encoding?.encoding };
}

describe('decodeText', () => {
  const ENGLISH = 'name,sex\nZhang San,M\nLi Si,F\n'.repeat(5);
  it.each([
    ['utf-8', Buffer.from(TEXT, 'utf8'), TEXT],
    ['utf-8', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT, 'utf8')]), TEXT],
    ['gb18030', iconv.encode(TEXT, 'gbk'), TEXT],
    ['gb18030', iconv.encode(TEXT, 'gb18030'), TEXT],
    ['utf-16le', iconv.encode(TEXT, 'utf-16le', { addBOM: true }), TEXT],
    ['utf-16be', Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(TEXT, 'utf-16be')]), TEXT],
    ['utf-16le', iconv.encode(ENGLISH, 'utf-16le'), ENGLISH], // no BOM
  ])('decodes %s, split into 5-byte chunks, without the BOM', async (encoding, bytes, text) => {
    expect(await decodeAll(bytes)).toEqual({ text, encoding });
  });

  it('keeps GB18030 four-byte characters (rare name characters outside GBK)', async () => {
    const text = '姓名\n𠇔龘\n䶮\n';
    const bytes = iconv.encode(text + '张三\n'.repeat(50), 'gb18030');
    expect((await decodeAll(bytes, 3)).text.startsWith(text)).toBe(true);
  });

  it('never decodes valid UTF-8 as anything else, even when chardet guesses otherwise', async () => {
    const text = 'name,street\nMüller,Straße\n';
    expect(chardet.detect(Buffer.from(text))).not.toBe('UTF-8'); // the trap
    expect(await decodeAll(Buffer.from(text))).toEqual({ text, encoding: 'utf-8' });
    const rare = '姓名,备注\n王喆,\n张堃,𠇔\n李赟,䶮\n';
    expect(await decodeAll(Buffer.from(rare))).toEqual({ text: rare, encoding: 'utf-8' });
  });

  it('waits past a long ASCII start for the first non-ASCII byte', async () => {
    const ascii = 'id,code,amount\n' + '1,A001,12.50\n'.repeat(10_000); // > 64 KB of ASCII
    const text = ascii + '2,张三,1\n';
    const gbk = await decodeAll(iconv.encode(text, 'gbk'), 4096);
    expect(gbk).toEqual({ text, encoding: 'gb18030' });
    const utf8 = await decodeAll(Buffer.from(text), 4096);
    expect(utf8).toEqual({ text, encoding: 'utf-8' });
  });

  it('calls an all-ASCII or empty file UTF-8', async () => {
    expect(await decodeAll(Buffer.from('a,b\n1,2\n'))).toEqual({ text: 'a,b\n1,2\n', encoding: 'utf-8' });
    expect(await decodeAll(Buffer.alloc(0))).toEqual({ text: '', encoding: 'utf-8' });
    expect(decideEncoding(Buffer.from('ab'), false)).toBeUndefined();
  });
});

describe('readTable encodings', () => {
  it('reads a GBK CSV saved by Excel on Chinese Windows', async () => {
    const table = await readTable(iconv.encode(TEXT.replaceAll('\n', '\r\n'), 'gbk'), { chunkSize: 7 });
    expect(table.headers).toEqual(['姓名', '性别', '出生日期', '地址']);
    const rows = [];
    for await (const row of table.rows) rows.push(row);
    expect(rows).toEqual([
      { rowNumber: 2, cells: ['张三', '男', '1990-01-02', '北京市朝阳区'] },
      { rowNumber: 3, cells: ['李四', '女', '1985-03-05', '广州市天河区'] },
    ]);
    expect(table.encoding).toMatchObject({ encoding: 'gb18030' });
  });

  it('reads a UTF-8 CSV with BOM (WPS, Excel "CSV UTF-8")', async () => {
    const table = await readTable(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)]));
    expect(table.headers[0]).toBe('姓名');
    expect(table.encoding).toEqual({ encoding: 'utf-8', by: 'bom' });
  });
});

describe('GB18030 or Big5', () => {
  it('reads a few simplified characters as GB18030, where chardet would say Big5', async () => {
    const bytes = iconv.encode('张三,1\n', 'gbk');
    expect(chardet.detect(bytes)).not.toBe('GB18030');
    expect(await decodeAll(bytes)).toEqual({ text: '张三,1\n', encoding: 'gb18030' });
  });

  it('reads clearly traditional Big5 text (Hong Kong, Taiwan) as Big5', async () => {
    const text = '姓名,性別,地址\n陳大文,男,香港九龍旺角彌敦道\n黃小明,女,台北市信義區忠孝東路\n';
    expect(await decodeAll(iconv.encode(text, 'big5'))).toEqual({ text, encoding: 'big5' });
    expect(await decodeAll(iconv.encode(text, 'gbk'))).toEqual({ text, encoding: 'gb18030' });
  });
});
