import { render } from 'preact';
import { ReportPage } from './ReportPage';

render(<ReportPage pages={document.getElementById('pages')!} />, document.getElementById('app')!);
