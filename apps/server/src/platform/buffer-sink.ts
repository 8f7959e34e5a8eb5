import { PassThrough } from 'node:stream';

/**
 * A stream to hand a writer (exceljs's streaming workbook, say) that gathers everything written into one
 * Buffer: `buffer` resolves once the writer has ended the stream, and rejects if it fails.
 */
export function bufferSink(): { stream: PassThrough; buffer: Promise<Buffer> } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const buffer = new Promise<Buffer>((resolve, reject) => {
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
  return { stream, buffer };
}
