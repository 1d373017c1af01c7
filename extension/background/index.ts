/** Every background feature, registered in one place. */
import type { BackgroundFeature } from './feature';
import { checkPage } from './check-page';
import { collection } from './collection';
import { collectFeature } from './collect';
import { engineLoader } from './engine-loader';
import { pdfOpener } from '../app/pdf/open';
import { picturesOpener } from '../app/ocr/open';
import { sites } from './sites';
import { tabState } from './tab-state';

export const BACKGROUND_FEATURES: readonly BackgroundFeature[] = [tabState, engineLoader, checkPage, sites, collection, collectFeature, pdfOpener, picturesOpener];
