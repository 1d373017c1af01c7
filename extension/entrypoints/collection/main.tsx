import { render } from 'preact';
import { Collection } from './Collection';

render(<Collection />, document.getElementById('app')!);
