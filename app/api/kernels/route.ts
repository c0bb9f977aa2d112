// Thin: the logic is in lib/realtime/http.ts (see app/api/README.md).
import { createKernel, getServices, handle } from '../../../lib/realtime';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function POST(req: Request): Promise<Response> {
  return handle(async () => createKernel(await getServices(), req));
}
