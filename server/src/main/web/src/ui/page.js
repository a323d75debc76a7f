// Static pages (home, how to verify): only the language switch.
import { setup } from './i18n.js';

setup();
