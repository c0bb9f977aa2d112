// Thin: the logic is in lib/realtime/http.ts (see app/api/README.md).
import { resetKernel, getServices, handle } from '../../../../../lib/realtime';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ id: string }> };

export async function POST(_req: Request, ctx: Ctx): Promise<Response> {
  return handle(async () => resetKernel(await getServices(), (await ctx.params).id));
}
