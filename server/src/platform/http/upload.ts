import type { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';

/** The single uploaded file of a multipart request (field `file`), as a stream. */
export async function readUpload(req: FastifyRequest): Promise<{ stream: Readable; fileName: string }> {
  if (!req.isMultipart())
    throw new AppError('INVALID_INPUT', 'Send the file as multipart/form-data in field "file"', { field: 'file' });
  const part = await req.file();
  if (!part) throw new AppError('INVALID_INPUT', 'No file uploaded', { field: 'file' });
  if (part.fieldname !== 'file')
    throw new AppError('INVALID_INPUT', `Unexpected field "${part.fieldname}"; use "file"`, { field: 'file' });
  const fileName = part.filename.replace(/[^\w.\-\u4e00-\u9fff ]/g, '_').slice(0, 200) || 'upload';
  return { stream: part.file, fileName };
}

/** Sets download headers with an RFC 5987 file name (Chinese names survive). */
export function attachmentHeaders(fileName: string, contentType: string): Record<string, string> {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
  return {
    'content-type': contentType,
    'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
  };
}
