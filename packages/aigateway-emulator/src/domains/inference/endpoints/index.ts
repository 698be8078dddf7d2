export { chat } from './chat.js';
export { music, threeD, videos } from './generations.js';
export { detections, images, ocrEndpoint as ocr, speech, transcriptions } from './media.js';
export { classifications, embeddings, moderations, rerank, translations } from './text.js';
