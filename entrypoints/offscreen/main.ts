import { listenForJudging } from '@/utils/judge/offscreen';

listenForJudging();
