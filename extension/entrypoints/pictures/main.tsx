import { render } from 'preact';
import { PicturesPage } from '../../app/ocr/pictures-page';

render(<PicturesPage pages={document.getElementById('pages')!} />, document.getElementById('app')!);
