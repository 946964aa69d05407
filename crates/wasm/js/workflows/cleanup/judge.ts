// Why an image is a clean-up candidate, or why it is kept: one verdict per image, in words, from
// what its region's describe calls said.

import type { CleanupCandidate, CleanupImage, KeptImage } from './find.js';

/** An image pipeline's base: an image ID (`IMAGE`) or a family (`IMAGE_FAMILY`). */
export interface PipelineBase {
  id: string;
  name: string;
  type: string;
  base: string;
}

/** A region as the clean-up saw it. */
export interface Context {
  regionId: string;
  images: CleanupImage[];
  pipelines: PipelineBase[];
  olderThanDays: number;
  includeShared: boolean;
}

const BEING_MADE = ['Creating', 'Waiting'];

/** The newest Available image of `family` in the region (what an instance made from the family gets). */
function newestOf(context: Context, family: string): CleanupImage | undefined {
  const members = context.images.filter((i) => i.family === family && i.status === 'Available');
  return members.reduce<CleanupImage | undefined>((a, b) => (!a || b.creationTime > a.creationTime ? b : a), undefined);
}

function pipelinesOn(context: Context, image: CleanupImage): string[] {
  const on = context.pipelines.filter((p) => (p.type === 'IMAGE' && p.base === image.imageId) || (p.type === 'IMAGE_FAMILY' && image.family && p.base === image.family && newestOf(context, image.family) === image));
  return on.map((p) => `${p.name} (${p.id})`);
}

/** Why it must stay; none when it may go. */
function keepReasons(image: CleanupImage, context: Context): string[] {
  const why: string[] = [];
  if (BEING_MADE.includes(image.status)) why.push(`being made (${image.status}): it cannot be deleted yet`);
  if (image.usage === 'instance') why.push('in use: instances run it');
  if (image.ageDays <= context.olderThanDays) why.push(`made ${image.ageDays} days ago, not more than ${context.olderThanDays}`);
  if (image.family && newestOf(context, image.family) === image) why.push(`the newest image of the family ${image.family}: instances made from the family get it`);
  const pipelines = pipelinesOn(context, image);
  if (pipelines.length > 0) why.push(`the base image of the image pipeline ${pipelines.join(', ')}`);
  if (image.sharedWith.length > 0 && !context.includeShared) why.push(`shared with ${image.sharedWith.join(', ')}`);
  return why;
}

/** Why nothing appears to need it. */
function candidateReasons(image: CleanupImage, context: Context): string[] {
  const newest = image.family ? newestOf(context, image.family) : undefined;
  return [
    'not used by any instance',
    `made ${image.ageDays} days ago (${image.creationTime.slice(0, 10)}), more than ${context.olderThanDays}`,
    !image.family ? 'in no image family' : newest ? `not the newest image of its family ${image.family} (${newest.imageName} is)` : `its family ${image.family} has no Available image`,
    `not the base image of any image pipeline in ${context.regionId}`,
    image.sharedWith.length > 0 ? `shared with ${image.sharedWith.join(', ')}: flagged` : 'not shared with other accounts',
  ];
}

export function judge(image: CleanupImage, context: Context): CleanupCandidate | KeptImage {
  const why = keepReasons(image, context);
  if (why.length > 0) return { ...image, why };
  const candidate: CleanupCandidate = { ...image, reasons: candidateReasons(image, context) };
  if (image.sharedWith.length > 0) candidate.flagged = `shared with ${image.sharedWith.join(', ')}: they lose it when it is deleted (and DeleteImage needs force)`;
  return candidate;
}
