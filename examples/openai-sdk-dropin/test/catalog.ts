import OpenAI from 'openai';

interface CatalogModel {
  id: string;
  modality: string;
  floating: boolean;
  deprecated: boolean;
  dimensions?: number | null;
}

/** Picks models from the gateway's own catalog, so the tests hard-code no model either. */
export async function pickModels(baseURL: string, apiKey: string) {
  const client = new OpenAI({ baseURL, apiKey });
  const { data } = await client.models.list();
  const catalog = data as unknown as CatalogModel[];
  const first = (modality: string): CatalogModel => {
    const model = catalog.find((m) => m.modality === modality && !m.floating && !m.deprecated);
    if (!model) throw new Error(`The catalog has no ${modality} model.`);
    return model;
  };
  return {
    chat: first('chat'),
    embedding: first('embedding'),
    image: first('image'),
    speech: first('speech'),
    transcription: first('transcription'),
  };
}
