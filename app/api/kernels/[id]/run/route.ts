// Thin: the logic is in lib/realtime/http.ts (see app/api/README.md).
import { runCell, getServices, handle } from '../../../../../lib/realtime';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ id: string }> };

export async function POST(req: Request, ctx: Ctx): Promise<Response> {
  return handle(async () => runCell(await getServices(), (await ctx.params).id, req));
}
