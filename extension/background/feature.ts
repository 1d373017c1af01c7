export interface BackgroundFeature {
  id: string;
  init(): void;
}
