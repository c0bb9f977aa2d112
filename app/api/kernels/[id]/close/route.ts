// POST form of DELETE /api/kernels/:id, for navigator.sendBeacon when the page unloads.
import { closeKernel, getServices, handle } from '../../../../../lib/realtime';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ id: string }> };

export async function POST(_req: Request, ctx: Ctx): Promise<Response> {
  return handle(async () => closeKernel(await getServices(), (await ctx.params).id));
}
