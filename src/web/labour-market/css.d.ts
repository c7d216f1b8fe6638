// Stylesheets imported by lazily loaded screens: Vite emits them with the screen's chunk.
declare module '*.css';
