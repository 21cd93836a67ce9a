import type { FastifyInstance } from 'fastify';
import type { SimClock } from '../clock.ts';
import { reportProcessingFinishedPayload } from '../notifications/builders.ts';
import type { NotificationsService } from '../notifications/service.ts';
import type { Scenario } from '../scenario/scenario.ts';
import { reportsOf } from './report-handlers.ts';

/**
 * Serves report documents at their pre-signed URLs (`GET /reports-documents/<id>?X-Amz-Expires&X-Amz-Signature`,
 * no Authorization, like S3) and wires REPORT_PROCESSING_FINISHED to the notifications publisher.
 */

const S3_ERROR = (code: string, message: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`;

/** Installs the document route and the notification hook for the scenario's reports (no-op without reports). */
export function installReportRoutes(
  app: FastifyInstance,
  scenario: Scenario,
  clock: SimClock,
  notifications: NotificationsService,
): void {
  const service = reportsOf(scenario);
  if (!service) return;
  service.notifier = (record, status) => {
    const payload = reportProcessingFinishedPayload({
      sellerId: record.sellerId,
      reportId: record.reportId,
      reportType: record.reportType,
      processingStatus: status as 'DONE' | 'FATAL' | 'CANCELLED',
      reportDocumentId: record.reportDocumentId,
    });
    notifications.publish(record.sellerId, 'REPORT_PROCESSING_FINISHED', payload);
  };
  const previous = notifications.sqs.beforeReceive;
  notifications.sqs.beforeReceive = () => {
    service.sweep(clock.now());
    previous?.();
  };
  app.get('/reports-documents/:id', async (request, reply) => {
    const { id } = request.params as { id: string };
    const query = request.query as Record<string, string | undefined>;
    const expires = Number(query['X-Amz-Expires']);
    reply.header('content-type', 'application/xml');
    if (!Number.isFinite(expires) || query['X-Amz-Signature'] !== service.sign(id, expires)) {
      return reply
        .status(403)
        .send(
          S3_ERROR(
            'SignatureDoesNotMatch',
            'The request signature we calculated does not match the signature you provided.',
          ),
        );
    }
    if (clock.now() > expires) return reply.status(403).send(S3_ERROR('AccessDenied', 'Request has expired'));
    const content = service.contentOf(id);
    if (!content) return reply.status(404).send(S3_ERROR('NoSuchKey', 'The specified key does not exist.'));
    return reply.status(200).header('content-type', content.contentType).send(content.bytes);
  });
}
