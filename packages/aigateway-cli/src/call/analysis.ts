import { readInputFile } from '../core/files.js';
import { parseInteger, parseList } from '../core/parse.js';
import { refuseOut, TextResult } from '../core/results.js';
import { missingInput, usageError } from '../errors.js';
import { imageInput, optionalNumber, requireText } from './inputs.js';
import { withRequestId } from './result.js';
import type { CallContext } from './types.js';

/** The image for OCR and detection: --image, or the input when it is a URL or a path. */
async function imageFor(call: CallContext): Promise<string> {
  const raw = call.flags.image ?? call.input?.trim();
  if (!raw) throw missingInput('image', `--image PATH|URL (e.g. aig call ${call.model} --image receipt.png)`);
  return imageInput(raw, call.rt.io.cwd, call.flags.image ? '--image' : 'the input');
}

export async function callEmbedding(call: CallContext): Promise<void> {
  refuseOut(call.flags, 'embedding', `aig call ${call.model}`);
  const { rt, client, model } = call;
  const { data: result, requestId } = await client.embeddings
    .create({ model, input: requireText(call, 'text to embed') }, { signal: rt.signal })
    .withResponse();
  rt.out.debug(`request id ${requestId}`);
  if (rt.out.json) return rt.out.result(withRequestId(result, requestId));
  const vector = result.data[0]?.embedding;
  if (Array.isArray(vector)) {
    const head = vector.slice(0, 5).map((v) => v.toFixed(4));
    rt.out.line(`${vector.length} dimensions: [${head.join(', ')}${vector.length > 5 ? ', …' : ''}]`);
  } else rt.out.line(String(vector));
}

export async function callModeration(call: CallContext): Promise<void> {
  refuseOut(call.flags, 'moderation', `aig call ${call.model}`);
  const { rt, client, model } = call;
  const { data: result, requestId } = await client.moderations
    .create({ model, input: requireText(call, 'text to moderate') }, { signal: rt.signal })
    .withResponse();
  rt.out.debug(`request id ${requestId}`);
  if (rt.out.json) return rt.out.result(withRequestId(result, requestId));
  for (const r of result.results) {
    const scores = Object.entries(r.category_scores as Record<string, number>)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([k, v]) => `${k} ${v.toFixed(2)}`);
    rt.out.line(
      `${r.flagged ? rt.out.c.red('flagged') : rt.out.c.green('not flagged')}  ${scores.join(', ')}`,
    );
  }
}

export async function callTranslation(call: CallContext): Promise<void> {
  const { rt, client, model, flags } = call;
  if (!flags.to) throw missingInput('target language', '--to <language> (e.g. --to fr)');
  const text = await TextResult.open(rt, flags);
  const { data: result, requestId } = await client.translations
    .create(
      {
        model,
        input: requireText(call, 'text to translate'),
        target_language: flags.to,
        ...(flags.from ? { source_language: flags.from } : {}),
      },
      { signal: rt.signal },
    )
    .withResponse();
  rt.out.debug(`request id ${requestId}`);
  for (const item of result.data) text.write(`${item.text}\n`);
  const saved = await text.close();
  if (rt.out.json) return rt.out.result({ ...withRequestId(result, requestId), ...saved });
  if (saved) rt.out.line(saved.out);
}

export async function callClassification(call: CallContext): Promise<void> {
  refuseOut(call.flags, 'classification', `aig call ${call.model}`);
  const { rt, client, model, flags } = call;
  const labels = flags.labels === undefined ? undefined : parseList(flags.labels);
  const { data: result, requestId } = await client.classifications
    .create(
      { model, input: requireText(call, 'text to classify'), ...(labels ? { labels } : {}) },
      { signal: rt.signal },
    )
    .withResponse();
  rt.out.debug(`request id ${requestId}`);
  if (rt.out.json) return rt.out.result(withRequestId(result, requestId));
  for (const item of result.data) rt.out.line(`${item.label} ${item.score.toFixed(3)}`);
}

export async function callOcr(call: CallContext): Promise<void> {
  const { rt, client, model } = call;
  const text = await TextResult.open(rt, call.flags);
  const { data: result, requestId } = await client.ocr
    .create({ model, image: await imageFor(call) }, { signal: rt.signal })
    .withResponse();
  rt.out.debug(`request id ${requestId}`);
  text.write(`${result.text}\n`);
  const saved = await text.close();
  if (rt.out.json) return rt.out.result({ ...withRequestId(result, requestId), ...saved });
  if (saved) rt.out.line(saved.out);
}

export async function callDetection(call: CallContext): Promise<void> {
  refuseOut(call.flags, 'detection', `aig call ${call.model}`);
  const { rt, client, model, flags } = call;
  const threshold = optionalNumber(flags.threshold, '--threshold', 0, 1);
  const { data: result, requestId } = await client.detections
    .create(
      { model, image: await imageFor(call), ...(threshold === undefined ? {} : { threshold }) },
      { signal: rt.signal },
    )
    .withResponse();
  rt.out.debug(`request id ${requestId}`);
  if (rt.out.json) return rt.out.result(withRequestId(result, requestId));
  if (result.data.length === 0) return rt.out.line('No objects detected.');
  rt.out.table(
    [
      { header: 'LABEL', value: (d: (typeof result.data)[number]) => d.label },
      { header: 'SCORE', value: (d) => d.score.toFixed(3), align: 'right' },
      {
        header: 'BOX (xmin,ymin,xmax,ymax)',
        value: (d) => [d.box.xmin, d.box.ymin, d.box.xmax, d.box.ymax].join(','),
      },
    ],
    result.data,
  );
}

/** Documents to rerank: repeated --doc, or --documents FILE (a JSON array of strings, or one per line). */
async function documentsFor(call: CallContext): Promise<string[]> {
  const { doc, documents } = call.flags;
  if (doc?.length) return doc;
  if (!documents) throw missingInput('documents', '--doc TEXT (repeatable) or --documents FILE');
  const text = (await readInputFile(documents, '--documents', call.rt.io.cwd)).toString('utf8');
  if (text.trimStart().startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw usageError(
        `--documents ${documents} starts like JSON but does not parse; use a JSON array of strings or one per line.`,
        'invalid_json',
      );
    }
    if (!Array.isArray(parsed) || !parsed.every((d) => typeof d === 'string')) {
      throw usageError(`--documents ${documents} must be a JSON array of strings.`, 'invalid_json');
    }
    return parsed;
  }
  return text.split(/\r?\n/).filter((l) => l.trim() !== '');
}

export async function callRerank(call: CallContext): Promise<void> {
  refuseOut(call.flags, 'rerank', `aig call ${call.model}`);
  const { rt, client, model, flags } = call;
  const query = requireText(call, 'query');
  const documents = await documentsFor(call);
  const topN = flags.topN === undefined ? undefined : parseInteger(flags.topN, '--top-n', 1);
  const { data: result, requestId } = await client.rerank
    .create(
      { model, query, documents, return_documents: true, ...(topN === undefined ? {} : { top_n: topN }) },
      { signal: rt.signal },
    )
    .withResponse();
  rt.out.debug(`request id ${requestId}`);
  if (rt.out.json) return rt.out.result(withRequestId(result, requestId));
  const rows = result.results.map((r, i) => ({ rank: i + 1, index: r.index, score: r.relevance_score }));
  rt.out.table(
    [
      { header: 'RANK', value: (r: (typeof rows)[number]) => String(r.rank), align: 'right' },
      { header: 'INDEX', value: (r) => String(r.index), align: 'right' },
      { header: 'SCORE', value: (r) => r.score.toFixed(3), align: 'right' },
      { header: 'DOCUMENT', value: (r) => documents[r.index] ?? '' },
    ],
    rows,
  );
}
