// Functions entry (package.json "main"): importing each function file registers it with app.*.
import './functions/health';
