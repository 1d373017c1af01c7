/** Every in-page feature, registered in one place, run in this order. */
import type { Feature } from '../context';
import { marks } from './marks';
import { tooltip } from './tooltip';
import { panel } from './panel';
import { pageMessages } from './page-messages';
import { tabReport } from './tab-report';
import { remember } from './remember';
import { attachment } from './attachment';

export const FEATURES: readonly Feature[] = [marks, tooltip, panel, pageMessages, tabReport, remember, attachment];
