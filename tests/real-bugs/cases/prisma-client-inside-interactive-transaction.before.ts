// charmverse/app.charmverse.io#1008: queries inside an interactive transaction used the global client instead of tx.
import { PrismaClient } from '../../fixtures/generated/prisma/client.js';

declare const prisma: PrismaClient;

export async function closeAccount(userId: number): Promise<void> {
  await prisma.$transaction(async (tx) => {
    await prisma.order.deleteMany({ where: { userId, status: 'new' } });
    await tx.user.update({ where: { id: userId }, data: { active: false } });
  });
}
