// Thin: the logic is in lib/realtime/http.ts (see app/api/README.md).
import { backends, getServices, handle } from '../../../lib/realtime';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  return handle(async () => backends(await getServices()));
}
