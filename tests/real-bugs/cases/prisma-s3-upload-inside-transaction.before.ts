// momentum-mod/website#1039: map submission kept a Prisma transaction open through several S3 uploads, until it timed out.
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { PrismaClient } from '../../fixtures/generated/prisma/client.js';

declare const prisma: PrismaClient;

export class FileStore {
  private readonly s3 = new S3Client({});

  async store(key: string, body: Uint8Array): Promise<void> {
    await this.s3.send(new PutObjectCommand({ Bucket: 'maps', Key: key, Body: body }));
  }
}

export async function submitMap(files: FileStore, userId: number, archive: Uint8Array, thumbnails: Uint8Array[]): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const order = await tx.order.create({ data: { userId, total: thumbnails.length } });
    await files.store(`submissions/${order.id}.zip`, archive);
    for (const [index, image] of thumbnails.entries()) {
      await files.store(`submissions/${order.id}/${index}.jpg`, image);
    }
  });
}
