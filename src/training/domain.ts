// training as other capabilities see it: index.ts without the routes and CLI, so capabilities that use each
// other one way form no import cycle through them.
export { TrainingOfferRecord } from './model.js';
export { getTrainingOffer, listTrainingOffersForPlanning } from './store.js';
