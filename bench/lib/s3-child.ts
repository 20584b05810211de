/**
 * The embedded S3 server in a process of its own, so that a benchmark can
 * tell its CPU from the load generator's. Prints one JSON line with the
 * endpoint and keys once it listens; stops on SIGTERM.
 *
 *   node --import tsx bench/lib/s3-child.ts <data directory>
 */
import { startEmbeddedS3 } from '../../lib/storage/embeddedS3.js';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: s3-child.ts <data directory>');
const s3 = await startEmbeddedS3({ dataDir });
process.stdout.write(`${JSON.stringify({ endpoint: s3.endpoint, accessKey: s3.accessKey, secretKey: s3.secretKey })}\n`);
process.once('SIGTERM', () => {
  void s3.dispose().then(() => process.exit(0));
});
