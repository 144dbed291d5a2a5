show Tuareg leaders in Kidal
