/** Renderer entry: connects to the API (preload or loopback bridge) and mounts the app. */
import { createRoot } from 'react-dom/client';
import { connect } from './api';
import { App } from './app';
import './styles.css';

const root = document.getElementById('root');
if (root) createRoot(root).render(<App api={connect()} />);
