import { render } from 'preact';
import { App } from './app.js';
import './styles.css';

const root = document.getElementById('app');
if (root) {
  const { view, version = '' } = document.body.dataset;
  root.textContent = '';
  render(<App view={view === 'inspector' ? 'inspector' : 'console'} version={version} />, root);
}
