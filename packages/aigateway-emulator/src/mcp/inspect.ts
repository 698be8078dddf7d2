import { z } from 'zod';
import { toolSpecs } from './tool-specs.js';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** `/mcp/inspect`: the tools, their arguments, and a form to call one with your key (Streamable HTTP). */
export function inspectPage(): string {
  const tools = toolSpecs.map((t) => ({
    name: t.name,
    description: t.description,
    inputSchema: z.toJSONSchema(z.object(t.shape)),
  }));
  const rows = tools
    .map(
      (t) =>
        `<section><h2>${esc(t.name)}</h2><p>${esc(t.description)}</p><pre>${esc(JSON.stringify(t.inputSchema, null, 2))}</pre></section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>AIgateway MCP inspector (emulator)</title>
<style>body{font:14px system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}pre{background:#f4f4f4;padding:.5rem;overflow:auto}section{border-top:1px solid #ddd}textarea,input,select{width:100%;box-sizing:border-box;margin:.25rem 0}</style></head>
<body><h1>AIgateway MCP tools</h1>
<p>Endpoint: <code>/mcp</code> (Streamable HTTP, protocol 2025-03-26) · legacy SSE: <code>/mcp/sse</code>. ${tools.length} tools.</p>
<h2>Try a tool</h2>
<label>API key <input id="key" type="password" placeholder="sk-aig-..." autocomplete="off"></label>
<label>Tool <select id="tool">${tools.map((t) => `<option>${esc(t.name)}</option>`).join('')}</select></label>
<label>Arguments (JSON) <textarea id="args" rows="6">{"model":"anthropic/claude-opus-4.7","messages":[{"role":"user","content":"hi"}]}</textarea></label>
<button id="call">Call</button><pre id="out"></pre>
<script>
const rpc=async(body,sid)=>{const h={'content-type':'application/json',accept:'application/json, text/event-stream',authorization:'Bearer '+document.getElementById('key').value};if(sid)h['mcp-session-id']=sid;const r=await fetch('/mcp',{method:'POST',headers:h,body:JSON.stringify(body)});const t=await r.text();const d=t.startsWith('{')?t:(t.split('\\n').find(l=>l.startsWith('data: '))||'data: {}').slice(6);return {sid:r.headers.get('mcp-session-id'),json:JSON.parse(d)}};
document.getElementById('call').onclick=async()=>{const out=document.getElementById('out');try{const init=await rpc({jsonrpc:'2.0',id:0,method:'initialize',params:{protocolVersion:'2025-03-26',capabilities:{},clientInfo:{name:'inspector',version:'1'}}});await rpc({jsonrpc:'2.0',method:'notifications/initialized'},init.sid);const res=await rpc({jsonrpc:'2.0',id:1,method:'tools/call',params:{name:document.getElementById('tool').value,arguments:JSON.parse(document.getElementById('args').value)}},init.sid);out.textContent=JSON.stringify(res.json,null,2)}catch(e){out.textContent=String(e)}};
</script>
${rows}
</body></html>`;
}
