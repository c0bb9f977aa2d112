// What the app behind a kernel's port-forward serves (the preview pane's iframe).
// Thin: the logic is in lib/realtime/http.ts (see app/api/README.md).
import { getServices, handle, kernelPreview } from '../../../../../../../lib/realtime';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ id: string; port: string; path?: string[] }> };

export async function GET(req: Request, ctx: Ctx): Promise<Response> {
  return handle(async () => {
    const { id, port, path } = await ctx.params;
    return kernelPreview(await getServices(), id, Number(port), (path ?? []).map(encodeURIComponent).join('/'), req);
  });
}
