export { chat } from './chat.js';
export { detections, images, ocrEndpoint as ocr, speech, transcriptions } from './media.js';
export { music, threeD, videos } from './jobs.js';
export { classifications, embeddings, moderations, rerank, translations } from './text.js';
