// Shape 6, a repository that borrows the session: it keeps it in a field and queries through
// it, and never closes it. Whoever opened the session still must.
import type { DatabaseSession } from './database-session';

export interface EventRow {
  id: string;
  payload: unknown;
}

export class EventRepository {
  constructor(private readonly session: DatabaseSession) {}

  async find(id: string): Promise<EventRow | undefined> {
    const rows = await this.session.query<EventRow>('select id, payload from events where id = $1 for update', [id]);
    return rows[0];
  }

  async markProcessed(id: string): Promise<void> {
    await this.session.query('update events set processed_at = now() where id = $1', [id]);
  }
}
